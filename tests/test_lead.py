"""The lead event (watchpost/events/lead.py, responsibility.py): one per report, the headline's act.
Reports written for these tests."""

from __future__ import annotations

from watchpost.events.lead import lead_zone_end, words
from watchpost.extract import Extractor
from watchpost.model import Document


def extract(text: str, title: str | None = None, published: str = "2024-03-12"):
    ((_, found),) = list(Extractor().extract([Document(id="r", text=text, title=title, published=published)]))
    assert found, "no mentions"
    return found


def only_lead(found):
    """The one mention marked as the report's lead."""
    (lead,) = [m for m in found if m.lead]
    return lead


def test_one_lead_and_it_is_the_headline_event():
    found = extract(
        "Roadside bomb kills five soldiers in Kunar\n\n"
        "A roadside bomb killed five soldiers in Kunar province on Monday, officials said. "
        "Last year, talks between the two sides collapsed. Officials condemned the attack."
    )
    leads = [m for m in found if m.lead]
    assert len(leads) == 1 and leads[0].type == "ASSAULT"
    assert leads[0].acled["sub_event_type"] == "Remote explosive/landmine/IED"


def test_the_headline_chooses_between_two_acts():
    text = (
        "Police arrested three men in the capital on Sunday, the ministry said. "
        "Separately, gunmen killed seven villagers in an attack on Kadisau on Monday."
    )
    lead = only_lead(extract(text, title="Gunmen kill seven villagers in Kadisau"))
    assert "villagers" in lead.sentence


def test_the_lead_takes_the_perpetrator_a_claim_names():
    text = (
        "A suicide car bomb exploded near a checkpoint in Mogadishu on Tuesday, killing nine people. "
        "Al-Shabaab claimed responsibility for the attack in a statement."
    )
    lead = only_lead(extract(text))
    assert lead.actor1 is not None and lead.actor1.name == "al-Shabaab"


def test_lead_zone_runs_past_short_headline_and_byline_blocks():
    assert lead_zone_end([(0, 40), (41, 70), (72, 500), (501, 900)]) == 500
    assert lead_zone_end([(0, 300), (301, 900)]) == 300


def test_the_lead_takes_the_one_armed_group_the_report_names():
    text = (
        "Gunmen killed 12 villagers in an attack on a village near Beni on Sunday, a local official said. "
        "The Allied Democratic Forces have been active in the area for years."
    )
    lead = only_lead(extract(text))
    assert lead.actor1 is not None and "Allied Democratic Forces" in lead.actor1.name


def test_two_named_groups_leave_the_perpetrator_unnamed():
    text = (
        "Gunmen killed 12 villagers in an attack on a village near Beni on Sunday. "
        "Both the Allied Democratic Forces and the CODECO militia operate in the province."
    )
    lead = only_lead(extract(text))
    assert lead.actor1 is None or lead.actor1.name.startswith("Unidentified")


def test_the_lead_is_the_act_whose_toll_the_headline_gives():
    text = (
        "Authorities said the state police convoy was ambushed on the road near the town on Monday. "
        "Thirteen officers were killed, some of them inside their trucks."
    )
    lead = only_lead(extract(text, title="Gunmen ambush police convoy; kill 13 and wound 9"))
    assert any(q.what == "killed" and q.value == 13 for q in lead.quantities)


def test_the_lead_takes_the_named_actor_of_another_mention_of_its_act():
    text = (
        "Gunmen killed 30 villagers in an attack on Kadisau on Monday, officials said. "
        "Witnesses said fighters of the Allied Democratic Forces attacked the village at dawn on Monday."
    )
    lead = only_lead(extract(text))
    assert lead.actor1 is not None and "Allied Democratic Forces" in lead.actor1.name


def test_a_lead_placed_at_a_country_takes_the_town_named_right_after():
    text = (
        "Air strikes killed at least 14 civilians on Friday in a rebel-held town in northern Syria, a monitor said. "
        "The strikes hit a market in Saraqib, the monitor added."
    )
    lead = only_lead(extract(text))
    assert lead.location is not None and lead.location.name.startswith("Saraq") and lead.location.precision == 1


def test_the_headline_toll_of_the_dead_outranks_its_toll_of_the_hurt():
    text = (
        "Four villagers were killed on Friday when gunmen fired at their homes near the market. "
        "Residents said that in a second attack on Friday, two men were wounded and four houses were burned."
    )
    lead = only_lead(extract(text, title="Four killed, 2 injured in fresh violence"))
    assert "Four villagers" in lead.sentence


def test_an_act_recalled_in_a_blame_is_the_lead_act_not_a_second_one():
    text = (
        "A bomb exploded at a bus station in the city on Friday, killing seven people. "
        "Police blamed the Taliban for the attack."
    )
    found = extract(text, title="Taliban blamed for bus station blast")
    lead = only_lead(found)
    assert "bus station" in lead.sentence and lead.actor1 is not None and lead.actor1.name == "Taliban"
    assert not [m for m in found if m.type == "ASSAULT" and "blamed" in m.sentence]


def test_the_lead_takes_the_group_its_headline_gives_as_the_doer():
    text = "Suspected insurgents killed 12 farmers working in rice fields near the city on Saturday, residents said."
    lead = only_lead(extract(text, title="Boko Haram kills 12 farmers in Borno"))
    assert lead.actor1 is not None and lead.actor1.name == "Boko Haram"
    assert lead.actor1.text == "Suspected insurgents" and text[lead.actor1.start : lead.actor1.end] == lead.actor1.text


def test_a_group_the_headline_names_among_the_hit_is_no_doer():
    text = "A strike on a car in the south killed two people on Tuesday, the state news agency said."
    lead = only_lead(extract(text, title="Hezbollah commander killed in strike"))
    assert lead.actor1 is None or "Hezbollah" not in lead.actor1.name


def test_the_lead_takes_the_state_forces_its_headline_names_by_their_weapon():
    text = "An overnight air raid during a wedding killed at least 40 civilians in the south, officials said."
    lead = only_lead(extract(text, title="Afghan air raid near wedding party kills dozens"))
    assert lead.actor1 is not None and (lead.actor1.country, lead.actor1.kind) == ("AFG", "MIL")
    hit = "A strike on a car in the south killed two people on Tuesday, the state news agency said."
    lead = only_lead(extract(hit, title="Hezbollah commander killed in Israeli drone strike"))
    assert lead.actor1 is not None and (lead.actor1.country, lead.actor1.kind) == ("ISR", "MIL")


def test_the_lead_takes_the_weapon_its_headline_names():
    text = "At least six police officers were injured in Srinagar on Saturday afternoon, officials said."
    lead = only_lead(extract(text, title="Six police injured after militants hurl grenade in Srinagar"))
    assert lead.acled is not None and lead.acled["sub_event_type"] == "Grenade"
    plain = only_lead(extract(text, title="Six police injured in Srinagar"))
    assert plain.acled is None or plain.acled["sub_event_type"] != "Grenade"


def test_a_state_blamed_for_the_lead_act_did_it_through_its_forces():
    text = (
        "A drone attack set fire to an oil depot in the Bryansk region on Tuesday, the governor said. "
        "He blamed Ukraine for the attack."
    )
    lead = only_lead(extract(text))
    assert lead.actor1 is not None and (lead.actor1.country, lead.actor1.kind) == ("UKR", "MIL")


def test_the_group_the_report_identifies_as_the_attackers_did_it():
    text = (
        "Three policemen were killed on Sunday when gunmen opened fire on them in Baramulla district. "
        "Police said the attackers belonged to Lashkar-e-Taiba, a rival of Jaish-e-Mohammed."
    )
    lead = only_lead(extract(text))
    assert lead.actor1 is not None and "Lashkar" in lead.actor1.name and lead.actor1.text == "gunmen"


def test_a_drone_attack_by_unnamed_militants_keeps_its_own_doer():
    text = "Moscow said on Monday that militants had used drones to attack its air base in Latakia province."
    lead = only_lead(extract(text))
    assert lead.mode == "drone" and lead.actor1 is not None and lead.actor1.text == "militants"


def test_another_telling_of_the_act_lends_its_doer_only_when_armed():
    from dataclasses import replace

    from watchpost.actors.resolve import ActorResolver, DocContext
    from watchpost.events.responsibility import same_act_actor
    from watchpost.model import Actor

    text = "Six policemen were injured on Saturday when a grenade hit them. Militants attacked a patrol on Saturday."
    lead, other = [m for m in extract(text) if m.type == "ASSAULT"][:2]
    canonical = ActorResolver(DocContext()).canonical
    junk = replace(other, actor1=Actor(text="Militants Hurl Grenade", name="Militants Hurl Grenade", country=None))
    group = replace(other, actor1=Actor(text="Hizbul", name="Hizbul Mujahideen", country="IND", kind="REB"))
    assert same_act_actor(lead, [lead, junk], canonical) is None  # a title-case headline read as a name
    assert same_act_actor(lead, [lead, group], canonical).name == "Hizbul Mujahideen"


def test_a_demonym_before_an_attack_that_is_no_states_weapon_names_no_forces():
    text = "Two gunmen opened fire at a petrol station on Tuesday, killing four people, police said."
    lead = only_lead(extract(text, title="Palestinian shooting attack kills four"))
    assert lead.actor1 is None or lead.actor1.kind != "MIL"


def test_an_act_told_to_say_which_place_is_neither_the_lead_nor_its_toll():
    text = (
        "Officials say militants have attacked the same army checkpoint where 12 soldiers were killed earlier this "
        "month, this time leaving one soldier dead."
    )
    found = extract(text)
    lead = only_lead(found)
    assert lead.trigger == "attacked" and [q.value for q in lead.quantities if q.what == "killed"] == [1]
    assert any(q.value == 12 for m in found if not m.lead for q in m.quantities)


def test_the_lead_takes_the_group_whose_spokesman_claims_it():
    text = (
        "Eight people were killed when a roadside bomb hit a car carrying a tribal elder in Bajaur district on "
        "Tuesday, police said. In a statement, a spokesman for the Tehreek-i-Taliban Pakistan (TTP) claimed "
        "responsibility for the bombing."
    )
    lead = only_lead(extract(text))
    assert (lead.actor1.country, lead.actor1.kind) == ("PAK", "REB") and "Taliban" in lead.actor1.name


def test_the_lead_takes_the_state_the_report_says_carried_out_the_attack():
    text = (
        "One person was killed in the shelling of the village of Tetkino in the Kursk region, the governor said on "
        "Sunday. He claimed that Ukraine had carried out a rocket attack on the village."
    )
    lead = only_lead(extract(text))
    assert (lead.actor1.country, lead.actor1.kind) == ("UKR", "MIL")


def test_a_lead_with_no_doer_takes_the_unnamed_side_the_report_says_staged_it():
    text = (
        "A roadside bomb killed one ranger and wounded three in Rueso district of Narathiwat on Monday. Police "
        "believe the attack was staged by separatists who have fought for autonomy since 2004."
    )
    lead = only_lead(extract(text))
    assert lead.actor1 is not None and lead.actor1.kind == "REB"


def test_a_peoples_herders_are_its_militia_when_they_attack_and_civilians_when_attacked():
    lead = only_lead(extract("Suspected Fulani herders killed 20 villagers in Guma, Benue state, on Sunday."))
    assert lead.actor1.name == "Fulani Ethnic Militia (Nigeria)" and lead.actor1.kind == "UAF"
    hit = only_lead(extract("Gunmen killed ten Fulani herders in Guma, Benue state, on Sunday."))
    assert not (hit.actor2 and hit.actor2.kind == "UAF") and hit.acled["sub_event_type"] == "Attack"


def test_the_lead_takes_the_unnamed_doer_its_headline_makes_the_subject():
    text = (
        "Some armed men were reported to have at kidnapped at least 40 worshippers during a service at a church in "
        "Chikun, Kaduna State, on Sunday. A church leader confirmed the incident."
    )
    lead = only_lead(extract(text, title="Bandits kidnap 40 Kaduna worshippers during church service"))
    assert lead.actor1 is not None and lead.actor1.kind == "UAF" and lead.actor1.country == "NGA"


def test_an_attack_attributed_by_officials_to_a_side_is_that_sides():
    text = (
        "At least nine villagers were killed on Tuesday in a new attack in western Cameroon attributed by the "
        "authorities to English-speaking separatist rebels."
    )
    lead = only_lead(extract(text))
    assert (lead.actor1.kind, lead.actor1.country) == ("REB", "CMR")


def test_a_lead_with_no_count_of_the_dead_takes_its_headlines():
    text = (
        "The latest attack took place on Thursday evening in a village near Bankass, the mayor said. "
        '"Unidentified armed men burst into the village and shot at people," he told reporters.'
    )
    lead = only_lead(extract(text, title="Gunmen kill at least 12 civilians in central Mali village"))
    (dead,) = [q for q in lead.quantities if q.what == "killed"]
    assert dead.value == 12 and dead.bound == "at least" and dead.start is None


def test_a_headline_toll_another_mention_carries_stays_with_it():
    text = (
        "Gunmen attacked a village near Bankass on Thursday, the mayor said. "
        "Twelve civilians were killed in the attack, he added."
    )
    found = extract(text, title="Gunmen kill 12 civilians in central Mali village")
    assert sum(q.value == 12 and q.what == "killed" for m in found for q in m.quantities) == 1


def test_a_headline_doer_its_words_identify_outranks_a_group_named_in_passing():
    text = (
        "Dozens of settlers stormed into a Palestinian village in the West Bank on Friday, setting houses on fire. "
        "A Palestinian man was shot dead and 25 were wounded. The violence has risen since Hamas attacked Israel."
    )
    title = "Israeli settlers rampage through West Bank village, killing 1 Palestinian"
    lead = only_lead(extract(text, title=title))
    assert lead.actor1 is not None and lead.actor1.country == "ISR" and lead.actor1.kind == "UAF"


def test_a_transnational_group_acts_through_its_branch_in_the_country():
    text = (
        "Seven soldiers were killed on Tuesday when militants stormed a military base in Somalia's Middle Shabelle "
        "region, officials said. The al-Qaeda-linked group said its fighters had overrun the base."
    )
    lead = only_lead(extract(text))
    assert lead.actor1 is not None and lead.actor1.name == "al-Shabaab" and lead.actor1.country == "SOM"


def test_a_report_blaming_a_group_in_a_participle_names_the_doer():
    text = (
        "A missile struck the arrivals hall of Abha airport in Saudi Arabia on Wednesday, wounding 26 civilians, "
        "the coalition said, blaming the Houthi movement."
    )
    lead = only_lead(extract(text))
    assert lead.actor1 is not None and lead.actor1.name == "Houthis"


def test_a_lead_placed_at_its_country_takes_the_district_a_retelling_names():
    text = (
        "Taliban insurgents attacked checkpoints in Afghanistan, killing nine officers, authorities said on Monday. "
        "Gunmen stormed a checkpoint in Maiwand district of Kandahar province, killing five officers."
    )
    lead = only_lead(extract(text, title="Taliban attacks at checkpoints kill 9 Afghan officers"))
    assert lead.location is not None and lead.location.precision < 3 and lead.location.admin1 == "Kandahar"


def test_a_group_after_its_countrys_possessive_is_the_doer_however_parsed():
    text = (
        "At least 14 civilians have been killed by Sudan\u2019s paramilitary Rapid Support Forces (RSF) while fleeing "
        "the city of El-Fasher, a rights group said. The city is trapped amid fighting between the RSF and the "
        "Sudanese army."
    )
    lead = only_lead(extract(text))
    assert lead.actor1.name == "Rapid Support Forces (RSF)"
    assert lead.acled["sub_event_type"] == "Attack"  # the army of another sentence is not its victim


def test_the_country_a_headline_names_is_context_for_the_places_of_the_text():
    text = "Six soldiers were killed in an ambush near Boni on Friday. The army blamed jihadists for the attack."
    lead = only_lead(extract(text, title="Soldiers killed in Mali"))
    assert lead.location is None or lead.location.country == "MLI"  # never Bonn, Germany, by an alternate name
    assert lead.actor1 is not None and lead.actor1.country == "MLI"


def test_headline_words_match_across_inflections():
    assert words("Ethiopian Forces Clash with Fano") & words("Clashes between Ethiopia's forces and Fano erupted") == {
        "ethio",
        "force",
        "clash",
        "fano",
    }
    assert "230000" in words("The war has killed 230000 people")


def test_a_lead_without_its_toll_takes_the_count_the_next_sentence_gives_the_same_act():
    text = (
        "Maoists detonated an improvised explosive device on Monday, targeting a vehicle carrying security personnel "
        "in Bijapur district. Nine people lost their lives when their vehicle was blown up in the blast."
    )
    title = "Maoists attack vehicle carrying security personnel in Bijapur"
    found = extract(text, title=title, published="2025-01-06")
    lead = only_lead(found)
    assert "detonated" in lead.sentence and [q.value for q in lead.quantities if q.what == "killed"] == [9]


def test_a_separate_incident_gives_the_lead_neither_its_place_nor_its_toll():
    text = (
        "The security forces in Bastar's Bijapur district gunned down two Maoists on Saturday, police said. "
        "Meanwhile, in a separate incident, two jawans were injured in an IED blast in Sukma, police said."
    )
    found = extract(text, published="2024-03-23")
    lead = only_lead(found)
    assert "gunned" in lead.sentence and lead.location is not None and lead.location.name != "Sukma"


def test_a_datelines_city_is_neither_the_place_nor_a_party_of_the_lead():
    text = (
        "Cotonou, June 5 (AFP) Three soldiers and two police officers were killed in a suspected jihadist attack "
        "in northwest Benin, military sources told AFP on Thursday."
    )
    found = extract(text, published="2025-06-05")
    lead = only_lead(found)
    assert lead.location is not None and lead.location.name != "Cotonou"
    assert not any(a and a.text == "Cotonou" for a in (lead.actor1, lead.actor2))


def test_a_lead_no_sentence_places_is_placed_at_the_reports_country_when_it_names_no_other_place():
    text = (
        "Benin's military has suffered heavy casualties in an attack near the borders with Niger and Burkina Faso. "
        "A security source said 28 Beninese soldiers were killed."
    )
    found = extract(text, published="2025-01-10")
    lead = only_lead(found)
    assert lead.location is not None and lead.location.country == "BEN"


def test_a_headline_of_two_acts_gives_the_lead_the_toll_of_its_own_only():
    title = "Muslim leader beheaded in Namuno; 18 rebels slain in battle in Cabo Delgado"
    text = "Insurgents stormed the village of Murrameia on Saturday and set fire to schools and churches."
    found = extract(text, title=title, published="2023-10-30")
    assert not any(q.value == 18 for m in found for q in m.quantities)
    title = "Army shells border town; 12 dead"
    text = "The army shelled the border town of Kurmuk on Sunday, residents said."
    found = extract(text, title=title, published="2023-10-30")
    lead = only_lead(found)
    assert [q.value for q in lead.quantities if q.what == "killed"] == [12]


def test_a_headline_line_of_two_acts_in_the_text_keeps_the_other_acts_dead_apart():
    text = (
        "Muslim leader beheaded in Namuno; 18 rebels slain in battle in Cabo Delgado\n\n"
        "Insurgents stormed the village of Murrameia on Saturday and beheaded a Muslim leader and his wife."
    )
    found = extract(text, published="2023-10-30")
    assert not any(q.value == 18 for m in found for q in m.quantities if m.trigger == "beheaded")


def test_a_lead_no_words_of_its_own_date_takes_the_day_the_next_sentences_give_its_act():
    text = (
        "Suspected separatist fighters kill three soldiers in South West Region\n\n"
        "At least three marines have been killed in Ekondo Titi subdivision, Ndian division.\n\n"
        "They were killed on Sunday, February 14 during an ambush laid by suspected separatist fighters."
    )
    found = extract(text, published="2021-02-16")
    lead = only_lead(found)
    assert lead.date is not None and lead.date.start == "2021-02-14" == lead.date.end


def test_further_strikes_carried_out_later_are_not_a_claim_for_the_lead_attack():
    text = (
        "Ten soldiers were killed on Wednesday in an attack on an army post near Douentza that officials blamed on "
        "jihadists. Two helicopters which carried out several strikes helped the troops retake the post, the army said."
    )
    lead = only_lead(extract(text))
    assert lead.actor1 is not None and lead.actor1.kind == "REB"



def test_the_lead_takes_the_group_the_attackers_were_from():
    text = (
        "Gunmen killed at least 14 people in a village in western Ethiopia on Sunday, an official said. He said "
        "the attackers were from OLF-Shane, a splinter group of the Oromo Liberation Front."
    )
    lead = only_lead(extract(text))
    assert lead.actor1.name == "Oromo Liberation Army (OLA)" and lead.actor1.text == "Gunmen"


def test_a_separate_incident_and_what_follows_it_never_place_the_lead():
    text = (
        "The Taliban attacked a district headquarters in northern Afghanistan early on Tuesday, killing at least 11 "
        "policemen, officials said.\n\nThe attack on the Shortepa district headquarters in Balkh province began at "
        "dawn.\n\nThe Taliban also had casualties, a council member said.\n\nIn a separate attack in Ghazni province, "
        "the Taliban shot dead three civilians.\n\nSix other civilians were wounded when the Taliban fired on a car "
        "near Ghazni city."
    )
    lead = only_lead(extract(text))
    assert lead.location is not None and lead.location.admin1 == "Balkh"


def test_the_spokesman_a_claim_names_speaks_for_his_group_and_a_headlines_source_does_nothing():
    text = (
        "Eight people were killed in a roadside bombing in Swat on Tuesday, police said.\n\nIn a statement, Mohammad "
        "Khurasani, the spokesman for the Tehreek-i-Taliban Pakistan (TTP) militant group, claimed responsibility."
    )
    lead = only_lead(extract(text, title="Swat blast death toll rises to eight: police"))
    assert lead.actor1 is not None and lead.actor1.name == "Tehrik-i-Taliban Pakistan (TTP)"


def test_a_lead_placed_in_a_district_keeps_it_against_a_namesake_town_far_outside():
    text = (
        "A drone strike hit a market in East Gojjam, in Ethiopia's Amhara region, on Monday, killing 30 people.\n\n"
        "The government has not commented.\n\nResidents say drone attacks in Gojjam and elsewhere in the region "
        "have become frequent."
    )
    lead = only_lead(extract(text))
    assert lead.location is not None and lead.location.name == "East Gojjam"


ACCOUNTS = (
    "At least 10 soldiers were killed when jihadists attacked an army post in Bouka-Toullorom on Sunday, the army "
    "said. But an army officer, speaking on condition of anonymity, said \"about 30\" troops had been killed. Radio "
    "France Internationale also reported that \"between 20 to 40 soldiers were killed\" and several are missing."
)


def test_other_accounts_of_the_lead_toll_are_its_highest_figure_not_events_of_their_own():
    found = extract(ACCOUNTS, published="2020-03-24")
    lead = only_lead(found)
    (toll,) = [q for q in lead.quantities if q.what == "killed"]
    assert (toll.value, toll.most) == (10, 40)
    assert not [m for m in found if m is not lead and any(q.what == "killed" for q in m.quantities)]


def test_a_toll_that_grew_is_no_other_account():
    text = (
        "Gunmen killed 10 villagers in an attack on Kadisau on Sunday, police said. Later, 30 people were killed in "
        "the attack, a local official said."
    )
    found = extract(text, published="2020-03-24")
    lead = only_lead(found)
    assert all(q.most is None for q in lead.quantities)


def test_a_lead_told_with_a_word_for_many_takes_the_figure_the_next_sentence_gives():
    text = (
        "Gunmen kill dozens in Mali attack, government says\n\nGunmen attacked the villages of Gangafani and Yoro in "
        "central Mali on Saturday, killing at least 38 people, according to an early government estimate."
    )
    found = extract(text, published="2019-06-18")
    lead = only_lead(found)
    assert [q.value for q in lead.quantities if q.what == "killed"] == [38]


def test_a_lead_dated_by_the_day_it_was_told_takes_the_acts_own_day_from_later_paragraphs():
    text = (
        "Twenty-four civilians have been killed and around 60 wounded in an attack by separatist gunmen in the "
        "anglophone region, the local mayor said on Tuesday.\n\nThe region has been in turmoil for years, and the "
        "mayor called for more troops to be sent to the area to protect farmers.\n\nSeparatists on Sunday attacked "
        "the village of Obonyi, killing 24 civilians, the mayor told reporters."
    )
    found = extract(text, published="2022-06-01")
    lead = only_lead(found)
    assert "Tuesday" in lead.sentence and (lead.date.start, lead.date.end) == ("2022-05-29", "2022-05-29")


def test_the_dead_and_wounded_together_give_no_toll_and_a_datelines_day_is_not_the_acts():
    found = extract(
        "ISLAMABAD (AFP) Jun 05, 2025 Nine people were killed and injured when militants attacked a checkpoint "
        "on Wednesday night, officials said.",
        published="2025-06-05",
    )
    lead = only_lead(found)
    assert not [q for q in lead.quantities if q.what == "killed"]
    assert (lead.date.start, lead.date.end) == ("2025-06-04", "2025-06-04")


def test_two_sources_tolls_in_one_sentence_are_one_count_and_its_highest_account():
    found = extract(
        "Gunmen stormed a village in Borno state on Saturday night. A local militia leader said six people had died "
        "but a survivor said up to 19 were killed."
    )
    counted = [q for m in found for q in m.quantities if q.what == "killed"]
    assert counted and max(q.value for q in counted) == 6
    assert any(q.most == 19 for q in counted)
    # two counts of the dead in one sentence that no second source gives stay as they are
    found = extract("Six soldiers were killed in the raid, but the army killed 19 militants in the fighting after it.")
    assert max(q.value for m in found for q in m.quantities if q.what == "killed") == 19


def test_a_title_case_headlines_words_for_the_act_are_no_doer():
    found = extract(
        "Deadly Attack on Village in Borno State\n\nSuspected militants stormed a village in Borno state on "
        "Saturday, killing six people, residents said."
    )
    assert not any(m.actor1 and "Deadly" in m.actor1.text for m in found)

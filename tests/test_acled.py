"""ACLED typing (watchpost/events/acled.py, data/patterns/acled.yml): one sentence per sub-event type,
written for these tests, and reports that ACLED does not code."""

from __future__ import annotations

import pytest
import yaml

from watchpost.config import DATA_DIR
from watchpost.events.acled import NOT_CUES, Codebook, codebook
from watchpost.extract import Extractor
from watchpost.model import Document

CASES = [
    (
        "Armed clash",
        "Government troops and rebels clashed near the town of Rutshuru on Monday, leaving six fighters dead.",
    ),
    ("Armed clash", "Militants ambushed an army patrol on the road to Gao, and soldiers returned fire for an hour."),
    ("Government regains territory", "The army recaptured the town of Mafa from the insurgents on Saturday."),
    (
        "Non-state actor overtakes territory",
        "Rebel fighters seized the town of Bunagana after two days of fighting with the army.",
    ),
    ("Chemical weapon", "Dozens of residents choked after a chlorine attack hit the district on Sunday night."),
    ("Air/drone strike", "An airstrike hit a militant position outside Kunduz on Tuesday night."),
    ("Air/drone strike", "A drone strike killed four suspected fighters in a car near Marib."),
    ("Suicide bomb", "A suicide bomber blew himself up at a checkpoint in the city, killing seven police officers."),
    ("Shelling/artillery/missile attack", "Artillery shells landed on the market in Kharkiv, wounding nine people."),
    (
        "Remote explosive/landmine/IED",
        "A landmine exploded under a minibus on the Bamenda road, wounding three children.",
    ),
    ("Remote explosive/landmine/IED", "Bus bombing kills 12 in Quetta."),
    ("Grenade", "Gunmen hurled grenades at a police checkpoint in Bujumbura late on Friday."),
    ("Sexual violence", "Two women were raped by militiamen near the camp last week."),
    ("Attack", "Gunmen killed 15 villagers in an attack on Kadisau village on Sunday."),
    ("Abduction/forced disappearance", "Armed men kidnapped 30 students from a school in Kagara on Wednesday."),
    ("Peaceful protest", "Thousands of teachers marched peacefully through the capital demanding unpaid wages."),
    ("Protest with intervention", "Police fired tear gas to disperse the rally outside parliament."),
    (
        "Protest with intervention",
        "Police arrested dozens of demonstrators who had gathered outside the ministry to denounce the law.",
    ),
    (
        "Chemical weapon",
        "Officials accused the invading troops of using chloropicrin grenades against trenches near the river.",
    ),
    (
        "Non-violent transfer of territory",
        "The Kurdish-led forces ceded control of the town to government troops under a deal.",
    ),
    (
        "Change to group/activity",
        "The Arakan Army declared that it had changed its name to the Arakan Revolutionary Council.",
    ),
    ("Armed clash", "Fighting between the army and the paramilitary group raged for a third day in the capital."),
    ("Armed clash", "Three people were killed as a result of armed clashes between rival factions in the port city."),
    (
        "Attack",
        "Gunmen opened fire at a petrol station near the settlement, killing four and wounding two, the army said.",
    ),
    ("Attack", "Gunmen ambushed a minibus on the highway and killed ten passengers."),
    ("Attack", "Armed men stormed a church in the village during Sunday mass and shot dead eleven worshippers."),
    ("Peaceful protest", "Hundreds of women staged a sit-in outside the governor's office to demand justice."),
    ("Agreement", "Rebels released 12 hostages, including four foreigners, after negotiations with tribal elders."),
    ("Shelling/artillery/missile attack", "Three civilians were wounded by artillery fire in the village on Sunday."),
    ("Violent demonstration", "Six were killed in clashes between police and demonstrators at a banned protest."),
    ("Violent demonstration", "Police fired on demonstrators, killing two, as protesters went on the rampage."),
    ("Armed clash", "A police raid in a poor neighbourhood set off a gunbattle that killed nine people."),
    ("Armed clash", "Insurgents killed seven people in a night raid on a military post outside the district town."),
    ("Attack", "Insurgents killed seven villagers near a police station outside the district town."),
    ("Attack", "Bandits killed four residents and kidnapped twenty others, among them children, in the village."),
    ("Attack", "Armed men entered the village at dawn and opened fire on the men at the mosque, killing twelve."),
    ("Headquarters or base established", "The militia opened a new training camp in the mountains for its recruits."),
    ("Other", "Unidentified armed men set up checkpoints along the road and extorted money from drivers."),
    ("Protest with intervention", "Police fired tear gas and struck people who gathered to hear an opposition leader."),
    ("Attack", "Gang members carried out a massacre in the town, leaving at least 70 people dead."),
    ("Shelling/artillery/missile attack", "Grad rockets rained down on residential areas of the town on Sunday."),
    ("Non-violent transfer of territory", "The rebels took over the town after the troops left it on Wednesday."),
    ("Change to group/activity", "Abu Mohammed was appointed head of the insurgent group's southern branch."),
    ("Change to group/activity", "A veteran commander took over as leader of the rebel movement on Sunday."),
    ("Change to group/activity", "Dozens of fighters loyal to the commander switched sides and joined the army."),
    ("Change to group/activity", "He succeeded his brother as head of the armed group after a meeting of its council."),
    ("Change to group/activity", "A new jihadist group has emerged in the north-west, claiming to defend herders."),
    ("Change to group/activity", "The two militias signed a merger agreement creating a single force in the region."),
    ("Change to group/activity", "The armed group launched a recruitment drive in villages along the border."),
    ("Change to group/activity", "About 300 militiamen gave up their arms at a ceremony on Friday."),
    ("Change to group/activity", "Forty former fighters turned themselves in to the army along with their rifles."),
    ("Change to group/activity", "The group moved its headquarters to a mountainous area near the border."),
    ("Change to group/activity", "The demobilisation of 500 former combatants began on Monday in the east."),
    ("Change to group/activity", "The insurgents declared their allegiance to the Islamic State group on Tuesday."),
    ("Disrupted weapons use", "Army engineers cleared 30 landmines planted along the road to the village on Monday."),
    (
        "Air/drone strike",
        "The military junta bombed a village in the north on Tuesday, killing at least 15 people, residents said.",
    ),
    ("Attack", "Suspected jihadists burned a school and killed its headmaster in a village in the east."),
    (
        "Abduction/forced disappearance",
        "Masked men took away a human rights lawyer from his office, and his whereabouts remain unknown.",
    ),
    (
        "Excessive force against protesters",
        "Security forces opened fire on peaceful protesters in the square, killing five.",
    ),
    ("Violent demonstration", "Protesters threw stones at police and set tyres on fire in the main avenue."),
    ("Mob violence", "A mob lynched a man accused of theft at the market on Saturday."),
    ("Agreement", "The warring parties signed a ceasefire agreement in the capital on Friday."),
    ("Arrests", "Police arrested the opposition leader and six of his aides at his home."),
    ("Change to group/activity", "Forty fighters of the militia surrendered to the army with their weapons."),
    ("Change to group/activity", "Two rebel groups announced their merger into a new coalition."),
    ("Disrupted weapons use", "Police defused a car bomb near the market on Thursday."),
    ("Disrupted weapons use", "Security forces seized a weapons cache in a house on the outskirts."),
    ("Disrupted weapons use", "Air defences intercepted two ballistic missiles over the city."),
    ("Headquarters or base established", "The army set up a new base outside the town last month."),
    ("Looting/property destruction", "Shops owned by foreigners were looted and burned."),
    ("Non-violent transfer of territory", "The militia took over the town without a fight after the army withdrew."),
    # constructions written to probe generalisation (passives, nominal events, light verbs, idioms)
    (
        "Change to group/activity",
        "Al-Shabaab has appointed a new emir to lead its operations in the south, the group's radio station said.",
    ),
    (
        "Change to group/activity",
        "Dozens of Boko Haram fighters and their families surrendered to troops in Borno state this week.",
    ),
    (
        "Change to group/activity",
        "The militia announced it was ending its armed struggle and would transform into a political party.",
    ),
    (
        "Change to group/activity",
        "A splinter faction broke away from the main rebel movement, accusing its leaders of betrayal.",
    ),
    (
        "Change to group/activity",
        "About 400 ex-combatants were demobilised at a ceremony in the regional capital on Thursday.",
    ),
    (
        "Chemical weapon",
        "Dozens of people suffered breathing difficulties after a chlorine-filled canister was dropped "
        "on a residential building.",
    ),
    ("Chemical weapon", "Rescuers said 18 people died from suffocation after the gas attack on the town of Douma."),
    ("Chemical weapon", "The regime used chemical weapons against its own people in Ghouta, killing hundreds."),
    (
        "Headquarters or base established",
        "The rebels have set up a new headquarters in the captured town, a spokesman said.",
    ),
    (
        "Headquarters or base established",
        "Russian troops established a military outpost at the airport after the American withdrawal.",
    ),
    (
        "Non-violent transfer of territory",
        "Government forces handed over the city to the Kurdish militia as part of a deal brokered by Russia.",
    ),
    (
        "Non-violent transfer of territory",
        "Rebels evacuated the last district of the city under a negotiated deal, leaving it to government forces.",
    ),
    ("Other", "The jihadists imposed their own laws on the town and banned music and smoking."),
    (
        "Shelling/artillery/missile attack",
        "Grad rockets hit a residential area of the city on Saturday, wounding seven civilians.",
    ),
    (
        "Shelling/artillery/missile attack",
        "Separatist artillery targeted Ukrainian positions near the town overnight, the military said.",
    ),
    (
        "Peaceful protest",
        "Hundreds of people demonstrated in front of the embassy on Friday against the killing of the activist.",
    ),
    ("Peaceful protest", "Families of detainees rallied outside the prison demanding their release."),
    (
        "Violent demonstration",
        "Angry demonstrators burned the local council office and smashed windows of the police station.",
    ),
    ("Violent demonstration", "Protests turned violent as youths clashed with police and set fire to vehicles."),
    ("Change to group/activity", "The separatist group declared that it was disbanding and would enter politics."),
    (
        "Change to group/activity",
        "A new militia calling itself the Patriotic Front was formed in the district last week.",
    ),
    (
        "Change to group/activity",
        "Hundreds of local fighters have joined the jihadist group in recent months, security sources said.",
    ),
    ("Change to group/activity", "Abu Mohammed was named as the group's new leader after the death of its founder."),
    ("Change to group/activity", "The militia's leader stepped down on Sunday amid infighting within the group."),
    ("Change to group/activity", "The armed group changed its name and announced a new political wing."),
    (
        "Change to group/activity",
        "Several hundred fighters of the former rebel movement were integrated into the national army.",
    ),
    ("Chemical weapon", "The town was hit by a suspected chemical attack on Saturday that killed at least 40 people."),
    ("Chemical weapon", "Inspectors found that the nerve agent had been used against civilians in the village."),
    ("Chemical weapon", "A toxic gas attack on the rebel-held suburb killed dozens, including children."),
    ("Other", "The armed group imposed a blockade on the town, cutting off food supplies."),
    ("Other", "The junta suspended the constitution and declared martial law across the country."),
    ("Headquarters or base established", "Soldiers took up positions in a new outpost overlooking the valley."),
    ("Headquarters or base established", "A new military base was established near the border on Tuesday."),
    (
        "Headquarters or base established",
        "The militants set up camp in an abandoned school on the edge of the village.",
    ),
    (
        "Peaceful protest",
        "Thousands of people marched through the capital on Saturday calling for the release of political prisoners.",
    ),
    ("Peaceful protest", "Workers at the port went on strike over unpaid salaries."),
    ("Peaceful protest", "Relatives of the missing held a vigil outside the governor's office."),
    ("Shelling/artillery/missile attack", "Heavy shelling of the city's eastern districts continued for a third day."),
    ("Shelling/artillery/missile attack", "A missile attack on the port city killed three civilians early on Monday."),
    ("Arrests", "Police arrested 12 suspected militants and seized explosives and detonators."),
    ("Arrests", "Authorities detained the opposition leader on charges of inciting violence."),
    (
        "Non-violent transfer of territory",
        "The Taliban took control of the provincial capital after local officials surrendered it without a fight.",
    ),
    ("Non-violent transfer of territory", "Rebel fighters entered the town after the army pulled out overnight."),
    (
        "Agreement",
        "The government and the rebels agreed on Sunday to a three-day truce to allow aid into the besieged city.",
    ),
    ("Agreement", "A ceasefire between the two sides came into force at midnight, mediators said."),
    (
        "Agreement",
        "Russia and Ukraine exchanged 90 prisoners of war on Friday in a swap brokered by the United Arab Emirates.",
    ),
    (
        "Agreement",
        "The warring factions signed a peace accord in Addis Ababa on Wednesday, ending two years of fighting.",
    ),
    (
        "Agreement",
        "Under the deal, the militants will hand over their heavy weapons and the army will withdraw from the town.",
    ),
    ("Agreement", "Hamas released four Israeli hostages in exchange for 120 Palestinian prisoners on Saturday."),
    (
        "Change to group/activity",
        "Hundreds of fighters of the militia laid down their weapons in a ceremony in the provincial capital.",
    ),
    (
        "Change to group/activity",
        "The armed group announced that it had split from the coalition and would fight on alone.",
    ),
    (
        "Change to group/activity",
        "Two jihadist factions announced a merger on Tuesday, forming a new alliance in the north.",
    ),
    ("Change to group/activity", "The rebel movement elected a new commander after its founder was killed last month."),
    (
        "Change to group/activity",
        "More than 200 former fighters defected to the government side this week, the army said.",
    ),
    (
        "Chemical weapon",
        "Government helicopters dropped barrels of chlorine gas on the town, sickening dozens of residents.",
    ),
    ("Chemical weapon", "The watchdog concluded that sarin was used in the attack on the village in April."),
    ("Other", "The army declared a state of emergency in the three northern provinces on Monday."),
    ("Other", "The militia imposed a curfew on the town after nightfall and banned gatherings."),
    (
        "Other",
        "Hundreds of fighters paraded through the city centre with rocket launchers to mark the anniversary "
        "of the group.",
    ),
    (
        "Shelling/artillery/missile attack",
        "Rockets fired from Gaza landed in open areas near Sderot, causing no injuries.",
    ),
    (
        "Shelling/artillery/missile attack",
        "Mortar rounds struck a residential neighbourhood of the city overnight, killing two children.",
    ),
    (
        "Shelling/artillery/missile attack",
        "Russian forces shelled the town of Kupiansk with multiple rocket launchers on Tuesday.",
    ),
    (
        "Shelling/artillery/missile attack",
        "A ballistic missile struck an apartment block in Dnipro, killing 40 people.",
    ),
    (
        "Headquarters or base established",
        "The armed group set up a camp in the forest near the border, residents said.",
    ),
    (
        "Headquarters or base established",
        "Turkish forces established a new observation post south of the city on Thursday.",
    ),
    (
        "Headquarters or base established",
        "The militants have built a new training camp in the mountains, a security official said.",
    ),
    (
        "Non-violent transfer of territory",
        "Government forces withdrew from the town on Monday and rebel fighters moved in without firing a shot.",
    ),
    ("Non-violent transfer of territory", "The peacekeepers handed over their base to the national army on Friday."),
    ("Mob violence", "Villagers beat to death a man they suspected of stealing cattle."),
    ("Change to group/activity", "The rebel group announced on Monday that it will move its headquarters to Kidal."),
    ("Change to group/activity", "The two militias said they would merge into a single force next month."),
    (
        "Attack",
        "At least 14 people were killed when gunmen hit a village in Plateau state, a member of the village "
        "vigilante group said.",
    ),  # a vigilante telling of gunmen's attack: no mob
    ("Mob violence", "An angry crowd set fire to the home of a man accused of witchcraft and beat his relatives."),
    ("Peaceful protest", "Hundreds of women gathered outside the parliament to demand justice for the victims."),
    ("Peaceful protest", "Students staged a sit-in at the university to protest against fee increases."),
    ("Agreement", "The two armies reached an agreement to pull back heavy weapons from the front line."),
    (
        "Agreement",
        "Militia leaders and the government signed a deal on Tuesday that grants the fighters amnesty "
        "in return for disarmament.",
    ),
    ("Agreement", "The bodies of 50 soldiers were handed over in an exchange mediated by the Red Cross."),
    (
        "Agreement",
        "Rival clans in the region agreed to end months of revenge killings at a meeting brokered by elders.",
    ),
    (
        "Change to group/activity",
        "Some 300 members of the armed group surrendered to the authorities and handed in their rifles.",
    ),
    (
        "Change to group/activity",
        "The insurgent group pledged allegiance to the Islamic State in an audio message released on Friday.",
    ),
    (
        "Change to group/activity",
        "The rebels announced they were relocating their headquarters to the eastern border region.",
    ),
    ("Change to group/activity", "A senior commander of the militia defected to the army with 40 of his men."),
    ("Chemical weapon", "Residents said a gas attack by government forces left dozens choking in the suburb."),
    ("Chemical weapon", "Militants fired shells filled with mustard gas at the village, injuring 12 people."),
    (
        "Non-violent transfer of territory",
        "The army handed control of the city to the police after the rebels agreed to leave.",
    ),
    (
        "Non-violent transfer of territory",
        "Insurgents occupied the district headquarters after government forces abandoned it overnight.",
    ),
    (
        "Non-violent transfer of territory",
        "The rebel group withdrew from the border town under the terms of the agreement.",
    ),
    (
        "Shelling/artillery/missile attack",
        "Artillery fire hit several houses on the edge of the town, wounding five civilians.",
    ),
    (
        "Shelling/artillery/missile attack",
        "The army pounded rebel positions with heavy artillery throughout the night.",
    ),
    ("Shelling/artillery/missile attack", "Two mortar shells fell near the school on Monday, killing a teacher."),
    (
        "Shelling/artillery/missile attack",
        "The militia launched a barrage of rockets at the airport, damaging a runway.",
    ),
    (
        "Headquarters or base established",
        "Government troops have set up checkpoints and a forward base in the recaptured village.",
    ),
    (
        "Headquarters or base established",
        "The foreign contingent opened a new military base in the north of the country on Wednesday.",
    ),
    (
        "Mob violence",
        "A crowd attacked a police station and freed a suspect after rumours spread that he had been tortured.",
    ),
    ("Mob violence", "Youths armed with machetes attacked members of the rival community, burning dozens of homes."),
    ("Mob violence", "Residents stoned to death two men accused of being thieves."),
    (
        "Violent demonstration",
        "Demonstrators set fire to government buildings and clashed with security forces during the protest.",
    ),
    (
        "Violent demonstration",
        "Rioters looted shops and torched cars in the capital after the election result was announced.",
    ),
    ("Violent demonstration", "Protesters blocked roads with burning tyres and pelted police with stones."),
    ("Other", "Soldiers seized power in a coup on Wednesday, detaining the president and dissolving the government."),
    ("Other", "Investigators discovered a mass grave containing 40 bodies near the town."),
    ("Disrupted weapons use", "The bomb disposal unit safely detonated an explosive device found near the market."),
    ("Disrupted weapons use", "Troops recovered a large cache of arms and ammunition hidden in a cave."),
    ("Disrupted weapons use", "Air defence systems shot down three drones over the capital overnight."),
    ("Arrests", "Security forces detained a local journalist who had reported on the protests."),
    ("Arrests", "Police rounded up dozens of suspected members of the banned group in dawn raids."),
    ("Looting/property destruction", "Fighters looted the hospital and set fire to the warehouse of an aid agency."),
    (
        "Remote explosive/landmine/IED",
        "A roadside device exploded as a military convoy passed, wounding four soldiers.",
    ),
    ("Remote explosive/landmine/IED", "Two children were killed when they stepped on a landmine while herding goats."),
    ("Grenade", "An attacker threw a grenade into a crowded bar, wounding 15 people."),
    (
        "Abduction/forced disappearance",
        "Gunmen seized 12 aid workers from their convoy and took them to an unknown location.",
    ),
    (
        "Sexual violence",
        "Soldiers sexually assaulted at least six women during a raid on the village, a rights group said.",
    ),
    # strategic developments worded as news words them (session 5: written for these tests)
    (
        "Change to group/activity",
        "The rebel coalition split into two rival wings after a dispute over the peace talks.",
    ),
    (
        "Change to group/activity",
        "The separatist movement said it would suspend all military operations during the holy month.",
    ),
    (
        "Change to group/activity",
        "Rebels announced they were resuming their armed struggle after the collapse of the truce.",
    ),
    ("Change to group/activity", "The two insurgent groups formed a joint command to coordinate their operations."),
    ("Change to group/activity", "The rebels declared a unilateral ceasefire for the duration of the elections."),
    (
        "Change to group/activity",
        "The armed movement announced that it had joined forces with two smaller rebel groups.",
    ),
    ("Change to group/activity", "More than 30 rebels handed over their rifles to the police on Tuesday."),
    ("Change to group/activity", "Members of the vigilante group agreed to disarm and join the police force."),
    ("Non-violent transfer of territory", "Peacekeepers handed the camp over to the national army on Friday."),
    (
        "Non-violent transfer of territory",
        "The foreign contingent transferred the military base to the national authorities.",
    ),
    (
        "Non-violent transfer of territory",
        "The militia withdrew from the oil field, allowing government forces to return.",
    ),
    ("Headquarters or base established", "Fighters have built a new stronghold in the hills above the town."),
    (
        "Headquarters or base established",
        "The army deployed troops to a newly built base in the north of the province.",
    ),
    ("Other", "The insurgents called for a general strike across the region, ordering all shops to close."),
    (
        "Arrests",
        "Security forces recovered explosives and detonators from a house and arrested its owner, a suspected member"
        " of the outlawed group.",
    ),
    ("Arrests", "A weapons cache was seized and three men were arrested during a search operation in the village."),
    ("Arrests", "Troops captured a militant commander and seized his weapons."),
    ("Disrupted weapons use", "Troops destroyed an IED factory belonging to the insurgents."),
    ("Change to group/activity", "Four armed factions signed an accord on Sunday to unite under a single command."),
    ("Change to group/activity", "The insurgents said they were ending their armed campaign after forty years."),
    (
        "Change to group/activity",
        "The militant group announced a change of leadership following the death of its founder.",
    ),
    (
        "Non-violent transfer of territory",
        "The army took control of the airport after the militia handed it over under a deal.",
    ),
    ("Other", "Army officers toppled the president in a coup early on Wednesday."),
    ("Change to group/activity", "The insurgents named a new shadow governor for the district on Friday."),
    (
        "Non-violent transfer of territory",
        "The rebels withdrew from the provincial capital under the terms of the truce.",
    ),
    ("Disrupted weapons use", "Air defence systems shot down three rockets fired at the port."),
    # retaking told by other verbs and constructions ("took back", "wrested control", "pushed X out of")
    ("Government regains territory", "Troops took back the town of Kalehe from the militia on Thursday."),
    ("Government regains territory", "The army wrested control of the port town from the insurgents after a week."),
    ("Government regains territory", "Government soldiers pushed the jihadists out of Gorom-Gorom on Friday."),
    ("Government regains territory", "Troops dislodged the rebels from their stronghold in the hills of Masisi."),
    ("Government regains territory", "The army won back control of the district after a month of fighting."),
    ("Government regains territory", "Marines cleared the last neighbourhood of the city still held by the militants."),
    ("Government regains territory", "Loyalist troops seized back the district of Nihm from the rebels."),
    ("Government regains territory", "Syrian troops backed by Iranian militias retook Deir Hafer from Islamic State."),
    # a group's change told by choosing, breaking away, giving up, an appointment, ending its own truce
    ("Change to group/activity", "The insurgent movement chose a new commander after its leader was killed."),
    ("Change to group/activity", "A faction of the rebel movement has broken away and taken a new name."),
    ("Change to group/activity", "Forty fighters of the militia gave themselves up to the army on Monday."),
    ("Change to group/activity", "Rebel commander Jean Mulumba was appointed as head of the group's armed wing."),
    ("Change to group/activity", "The insurgents ended their truce with the government on Tuesday, a spokesman said."),
    ("Other", "Officers staged a coup overnight and dissolved the government."),
    ("Other", "Separatist fighters enforced a lockdown across the region, keeping schools shut."),
    ("Peaceful protest", "Protesters assembled in front of the electoral commission in Accra on Monday."),
    ("Peaceful protest", "Activists held a protest camp outside the ministry for a week."),
    ("Arrests", "Opposition leader Kizza Besigye was arrested outside the high court in Kampala."),
    ("Arrests", "The activist was taken into custody by intelligence officers on Friday."),
    ("Arrests", "Police held two men suspected of recruiting for the insurgents."),
    ("Arrests", "A rebel commander was apprehended by soldiers in the forest."),
    ("Arrests", "Soldiers arrested a senior officer accused of plotting a coup."),
    ("Excessive force against protesters", "Soldiers shot dead five anti-coup demonstrators in the capital."),
    ("Violent demonstration", "Youths clashed with police in the old town on Friday evening."),
    ("Violent demonstration", "Demonstrators smashed shop windows in the city centre."),
    ("Violent demonstration", "Residents protesting a power cut burned the offices of the electricity company."),
    ("Violent demonstration", "Youths protesting the killing of a trader set fire to a police post."),
    ("Disrupted weapons use", "An attack drone was downed over the city before it hit its target."),
    ("Non-violent transfer of territory", "The garrison commander surrendered the town to the rebels without a fight."),
    # a protest told as held, entering its second week, a human chain, a march gone on, streets thronged
    ("Peaceful protest", "Rallies were held in four cities on Sunday against the new constitution."),
    ("Peaceful protest", "Hundreds of women formed a human chain across the bridge in Freetown."),
    ("Peaceful protest", "The sit-in outside the parliament entered its second week on Tuesday."),
    ("Peaceful protest", "Nurses went on a march to the health ministry to demand back pay."),
    ("Peaceful protest", "A crowd gathered at the police station demanding the release of the detained journalist."),
    ("Peaceful protest", "Opposition supporters thronged the streets of Lusaka to demand fresh elections."),
    ("Peaceful protest", "Workers held a sit-in outside the central bank over unpaid wages."),
    ("Arrests", "Police picked up a dozen opposition activists in an overnight raid."),
    ("Change to group/activity", "The militia laid down its arms at a ceremony in the provincial capital."),
    ("Change to group/activity", "Former insurgents took up arms again in the hills, forming a new armed squad."),
    ("Change to group/activity", "An alliance of armed groups was launched in the east on Saturday."),
    ("Change to group/activity", "About 200 militia fighters joined the national army under a reintegration plan."),
    ("Change to group/activity", "The jihadist group named a new governor for its southern province."),
    ("Government regains territory", "The army has recovered the town of Kamanyola from the rebels."),
    ("Government regains territory", "Federal forces reclaimed the regional capital from the insurgents."),
    ("Government regains territory", "The army restored control over the border post that rebels had seized."),
    ("Other", "Thousands of fighters marched in a military parade through the city."),
    ("Other", "The insurgents ordered villagers to leave the area within two days."),
    # arms seized where their holders were arrested, in the same sentence or the next: the arrest
    ("Arrests", "Police recovered a pistol and grenades from the two men, who were arrested at a checkpoint."),
    ("Arrests", "Soldiers seized rifles and explosives in a raid on Tuesday. Four members of the cell were arrested."),
    ("Change to group/activity", "The armed group announced its integration into the new rebel coalition."),
    ("Peaceful protest", "Demonstrators chanted slogans outside the embassy on Friday."),
    ("Peaceful protest", "Protesters converged on the parliament, waving placards."),
    ("Peaceful protest", "Students occupied the ministry of education for several hours."),
    # a group's change told in more English: loyalty pledged, arms decommissioned, enlisting, a split announced,
    # a struggle abandoned, a group created or restructured, a leader elected 'as', a wing renamed a 'League'
    ("Change to group/activity", "The rebel movement pledged loyalty to the caliphate in an audio message."),
    ("Change to group/activity", "The guerrillas began decommissioning their remaining weapons under the peace deal."),
    ("Change to group/activity", "Dozens of young men enlisted with the new militia in the district this week."),
    ("Change to group/activity", "The faction announced its separation from the jihadist alliance on Monday."),
    ("Change to group/activity", "The separatist movement abandoned its armed struggle at a congress on Sunday."),
    ("Change to group/activity", "Dissident commanders created a new armed group in the south."),
    ("Change to group/activity", "The rebel group restructured its command after heavy losses."),
    ("Change to group/activity", "The militants elected Abu Hamza as their new emir."),
    ("Change to group/activity", "The rebel movement renamed its armed wing the People's Defence League."),
    # a protest named as one is one, whatever festival its demands name; crowds pouring into streets; placards
    ("Peaceful protest", "Garment workers demonstrated outside the factory demanding a festival bonus."),
    ("Peaceful protest", "Hundreds of residents poured into the streets of the town to demand clean water."),
    ("Peaceful protest", "Nurses waved placards outside the county offices over unpaid salaries."),
    ("Other", "Hundreds of rebel fighters paraded through the town to mark the group's anniversary."),
    ("Non-violent transfer of territory", "The militia vacated the district after the truce came into effect."),
    ("Non-violent transfer of territory", "The peacekeepers turned over the camp to the national army on Friday."),
    ("Government regains territory", "Government troops freed the town from insurgent control on Sunday."),
    ("Government regains territory", "Soldiers cleared the remaining militant positions in the city."),
    ("Disrupted weapons use", "An army team rendered safe a bomb found near the market."),
    # a cell dismantled, a car intercepted, with their members arrested: the arrest
    ("Arrests", "Police dismantled a militant cell in the port city, arresting four members."),
    ("Arrests", "Troops intercepted a car at a checkpoint and arrested two suspected insurgents carrying ammunition."),
    # arrests made in breaking up a protest are its intervention
    ("Protest with intervention", "Police broke up the sit-in outside the ministry and detained 15 people."),
    # more of a group's changes: a leader replaced, links severed, a wali installed, headquarters shifted, a wing
    # wound up, factions absorbed, fighting stopped, neutrality abandoned
    ("Change to group/activity", "The rebel group's leader was replaced by his deputy, the movement said."),
    ("Change to group/activity", "The militia said it had severed its links with the jihadist network."),
    ("Change to group/activity", "The insurgents installed a new wali for the province."),
    ("Change to group/activity", "The militants have shifted their headquarters to the mountains."),
    ("Change to group/activity", "The rebel faction formally wound up its armed wing."),
    ("Change to group/activity", "The armed group absorbed three smaller militias in the valley."),
    ("Change to group/activity", "The rebel army said it would stop fighting the government troops."),
    ("Change to group/activity", "The militia announced it was abandoning neutrality in the war."),
    # crowds at a seat of power, filling a square, blocking an entrance, setting up road blockades, sitting on a dharna
    ("Peaceful protest", "Traders gathered outside the municipal office to protest against new taxes."),
    ("Peaceful protest", "Hundreds of doctors assembled outside the health ministry on Monday."),
    ("Peaceful protest", "Thousands of people filled the main square demanding new elections."),
    ("Peaceful protest", "Farmers blocked the entrance to the port with tractors over low prices."),
    ("Peaceful protest", "Villagers set up road blockades to demand a new bridge."),
    ("Peaceful protest", "Activists sat on a dharna outside the district office."),
    ("Other", "Mutinous soldiers seized the presidential palace and announced the suspension of the constitution."),
    ("Non-violent transfer of territory", "The army took over the camp after the peacekeepers' departure."),
    ("Non-violent transfer of territory", "The foreign troops completed their pullout from the border zone on Sunday."),
    ("Non-violent transfer of territory", "Rebel fighters left Goma on Monday."),
    ("Government regains territory", "Soldiers reoccupied the positions they had lost to the rebels."),
    ("Disrupted weapons use", "Police caught a truck laden with explosives at the border post."),
    ("Disrupted weapons use", "Troops unearthed a cache of weapons hidden in a forest."),
    ("Arrests", "Police hauled in a dozen opposition activists over the weekend."),
    ("Arrests", "Two members of the banned group were caught handing out leaflets and remanded in custody."),
    # a chief appointed 'to replace' another, a peace accord left, a group regrouped, an insurgency launched
    ("Change to group/activity", "The armed group said it had appointed a veteran fighter to replace its slain chief."),
    ("Change to group/activity", "The rebel coalition said it was withdrawing from the peace accord signed in 2015."),
    ("Change to group/activity", "Former rebel commanders regrouped under a new banner in the east."),
    ("Change to group/activity", "The militia announced it had launched an insurgency against the government."),
    ("Peaceful protest", "Health workers laid siege to the district office to press for their arrears."),
    # a group outlawed as terrorist, party politics suspended, an armed strike imposed
    ("Other", "The government proscribed the separatist movement, declaring it a terrorist organisation."),
    ("Other", "The junta ordered the suspension of all political party activities."),
    ("Other", "The guerrillas imposed an armed strike across the province, confining villagers to their homes."),
    ("Government regains territory", "Government troops recovered the district headquarters from the insurgents."),
    ("Disrupted weapons use", "Soldiers intercepted a truck carrying weapons to the rebels."),
    ("Arrests", "Security forces detained the opposition leader, who was later charged before a military court."),
    # barricades and scuffles said to be absent are no riot
    ("Peaceful protest", "Thousands marched through the capital with no barricades nor scuffles, demanding reform."),
    ("Excessive force against protesters", "Soldiers shot dead five people as crowds protested against the coup."),
    ("Headquarters or base established", "The militia turned the primary school into a military base."),
    ("Change to group/activity", "The militants said they had rejoined the Islamic State after a year apart."),
    ("Change to group/activity", "The militia announced that it was joining the volunteers on the government side."),
    ("Other", "Soldiers seized the state broadcaster and said the president had been removed from power."),
    ("Other", "Insurgents have enforced a blockade on the town for months, cutting off food supplies."),
    ("Government regains territory", "The troops restored the town to government control on Friday."),
    # an attack stopped 'before it could' strike
    ("Disrupted weapons use", "The navy destroyed an explosive-laden boat before it could reach the port."),
    ("Violent demonstration", "Angry residents blocked the road with burning tyres after the shooting."),
    ("Change to group/activity", "Cadres of the outlawed group came overground and deposited their arms on Friday."),
    ("Change to group/activity", "The militia has been absorbed into the regional security forces."),
    # a protest told as what a crowd did 'in a protest'; a procession chanting slogans
    ("Peaceful protest", "Members of the students union converged at the campus in a peaceful protest over fees."),
    ("Peaceful protest", "Activists held a procession through the city, chanting slogans against the government."),
    ("Other", "Separatist fighters imposed a ban on school attendance in the region."),
    ("Disrupted weapons use", "The army said it had shot down three rockets fired from across the border."),
    ("Arrests", "The opposition leader was taken into police custody on Monday."),
    # gunfire exchanged or traded between two armed sides; a cessation of hostilities signed
    ("Armed clash", "Heavy exchanges of gunfire between militiamen and soldiers were reported in the town overnight."),
    ("Armed clash", "Rival factions of the armed forces traded heavy fire in the southern suburb."),
    ("Agreement", "The government and the rebels signed a permanent cessation of hostilities."),
    ("Change to group/activity", "Former rebel fighters have been enrolled in the national army under the peace deal."),
    ("Change to group/activity", "The rebel movement announced a unilateral truce to allow for talks."),
    ("Change to group/activity", "The militia formally renounced militancy at a ceremony in the capital."),
    # a march that denounces killings is a peaceful protest
    ("Peaceful protest", "Women dressed in black marched through the city to denounce the killings of farmers."),
    ("Other", "The insurgents have imposed taxes on farmers in the valley."),
    ("Government regains territory", "The army said it had liberated Bulo Marer, a farming town held by militants."),
    ("Disrupted weapons use", "Police found a suicide vest during a search of the house."),
    ("Change to group/activity", "The militia announced its exit from the rebel alliance on Sunday."),
    ("Change to group/activity", "The jihadist faction got a new leader after its commander's death."),
    ("Change to group/activity", "The insurgents called off their ceasefire with the government."),
    ("Peaceful protest", "Displaced families staged a peaceful caravan to the capitol to demand their return."),
    ("Other", "The armed wing held a rally in the city, parading masked gunmen and rockets."),
    # an 'air base' taken is no air strike
    ("Non-violent transfer of territory", "The Taliban took over the air base after the last foreign troops left."),
    ("Government regains territory", "Nigerian troops recover Baga from Boko Haram after fierce battle."),
    ("Non-violent transfer of territory", "The rebel forces redeployed away from the port under the agreement."),
    ("Government regains territory", "Soldiers took back the town hall from the militants after a gunbattle."),
    ("Government regains territory", "Government forces seized back a rebel camp near the river after heavy clashes."),
    ("Change to group/activity", "The guerrilla army formally ceased to exist after handing over its last weapons."),
    ("Change to group/activity", "Thousands of militia fighters were formally incorporated into the armed forces."),
    ("Peaceful protest", "Nurses paraded outside the county assembly to demand promotions."),
    ("Other", "The insurgents have banned poppy cultivation in the areas they control."),
    # a place that changes hands without fighting, however the text says so
    ("Non-violent transfer of territory", "Islamist fighters have departed the town of Kismayo, residents said."),
    ("Non-violent transfer of territory", "Government forces recaptured the town of Bulo Burde without a battle."),
    ("Non-violent transfer of territory", "The army retook the district centre unopposed on Friday."),
    ("Government regains territory", "Half of the town has returned to government control, the army announced."),
    # mines in the plural, or named by their kind, are planted explosives
    ("Remote explosive/landmine/IED", "Five soldiers were killed by anti-personnel mines planted by rebels."),
    ("Remote explosive/landmine/IED", "Rebel fighters ambushed the convoy with mines near the bridge."),
    # a state's bare 'strike' on a place comes from the air; storming a village or trying to take a place takes none
    ("Air/drone strike", "An Israeli strike on the central Gaza Strip killed a family of eight."),
    ("Attack", "Bandits stormed the village on motorbikes and killed 12 residents."),
    ("Armed clash", "Al-Shabaab insurgents attacked the airstrip on Sunday and tried to take control of it."),
    # the act as a noun after a light or reporting verb, and the strategic moves of a group
    ("Government regains territory", "Government forces on Tuesday completed the recapture of the town of Baiji."),
    ("Other", "Police on Wednesday announced the imposition of a curfew in the port city."),
    ("Other", 'The rebels have declared "the independence of Azawad", a statement on their website said.'),
    ("Change to group/activity", "The group confirmed the death of its leader, announcing Abu Omar as its new chief."),
    ("Other", "Four more skeletons were found yesterday at a mass grave of victims of the civil war."),
    ("Peaceful protest", "Around 200 farmers agitating against the new farm laws gathered at Jantar Mantar."),
    # a protest told by the verb of its happening, or joined; 'the' does not make it one told before
    ("Peaceful protest", "The rally is taking place outside the regional assembly in the city centre."),
    ("Peaceful protest", "The sit-in was held without incident in front of the labour ministry."),
    ("Peaceful protest", "Thousands of nurses joined the march to the health ministry on Wednesday."),
    # fire and death as what an act made of its object, written after the object or before it
    ("Looting/property destruction", "Armed men set about 30 huts on fire in the village on Thursday night."),
    ("Violent demonstration", "Demonstrators set three police vehicles on fire, protesting the death of a student."),
    ("Mob violence", "Residents burned to death two men they suspected of stealing a goat."),
    # tear gas, water cannon and batons on a crowd: an intervention, whether or not the report says 'protest'
    ("Protest with intervention", "Opposition lawmakers were teargassed by police as they tried to reach the palace."),
    ("Protest with intervention", "Police started charging batons to disperse the nurses outside the secretariat."),
    # arrests of protesters, or at a protest, are its intervention; people seized by police are arrested
    ("Protest with intervention", "Police arrested 40 students at a rally outside the university on Monday."),
    ("Protest with intervention", "Authorities detained dozens of demonstrators in the main square."),
    ("Arrests", "Seven opposition activists were seized by police officers on Tuesday."),
    # a place given up under a deal, or by defenders laying down arms, changes hands without fighting
    (
        "Non-violent transfer of territory",
        "Militants seized the town on Tuesday after the outnumbered police laid down their arms.",
    ),
    (
        "Non-violent transfer of territory",
        "Rebel fighters left their last bastions in the old city under a deal with the army.",
    ),
    (
        "Non-violent transfer of territory",
        "Government troops entered the district as part of a deal to end months of fighting.",
    ),
    # a group's new form, bodies taken from graves, forced entry by a crowd
    ("Change to group/activity", "The rebel movement said it had formed a political party to contest the elections."),
    ("Other", "Forensic teams recovered the bodies of 11 people from a grave near the former front line."),
    ("Violent demonstration", "Protesters broke into the parliament building and smashed furniture in the chamber."),
    # gunmen or a gang who kill people not called armed attack civilians; a community is civilians
    ("Attack", "Nine were killed in the town on Tuesday evening in the latest attack by gang members."),
    ("Attack", "Twenty-seven killed as gunmen attack a farming community in the hills."),
    ("Armed clash", "Gunmen attacked a police post in the hills on Tuesday, killing three officers."),
    # an attack on an army post told in the next sentence makes the killing a battle
    (
        "Armed clash",
        "Gunmen killed three people in the north of the country on Sunday. The attackers stormed an army post in the "
        "village before dawn, a security source said.",
    ),
]

KNOWN_MISSES = [  # kept precise: a report of these would still be missed, for the reason given
    (
        "Chemical weapon",
        "Doctors treated 30 people for symptoms of exposure to a toxic substance after the shelling.",
        "'the shelling' is anaphoric and carries no count of its own",
    ),
]

NOT_ACLED = [
    "The minister announced a new plan to rebuild schools destroyed in the floods.",
    "Three workers died when a wall collapsed at a construction site.",
    "The national team attacked from the start and scored three goals in the first half.",
    "The earthquake killed 300 people in the mountains on Monday.",
    "A factory fire killed 12 workers in the industrial zone.",
    "The court sentenced the former minister to five years in prison for corruption.",
    "The striker scored twice as the home side attacked throughout the second half of the match.",
    "The two companies signed an agreement to build a new steel plant.",
    "A gas cylinder explosion at a restaurant killed three people.",
    "Police said the man killed his wife after a domestic dispute.",
    "A bus plunged into a ravine in the mountains on Sunday, killing 22 passengers.",
    "The man was shot dead by his neighbour during a dispute over land, police said.",
    "The foreign minister met his counterpart in Geneva to discuss the peace process.",
    "Heavy monsoon rains triggered landslides that killed at least 18 people in the hill district.",
    "A fire at a crowded market destroyed more than 100 stalls overnight, officials said.",
    "The company agreed to pay 40 million dollars to settle the lawsuit.",
    "Two people were killed when a gas tanker exploded on the highway.",
    "The striker fired a shot past the goalkeeper to win the derby in the 90th minute.",
    "The earthquake destroyed hundreds of homes in the valley.",
    "Parliament approved the defence budget on Tuesday after a long debate.",
    "A man killed his brother with a knife after an argument over money, police said.",
    "The army chief visited troops on the front line and praised their courage.",
    "Prices of bread rose sharply after the government cut subsidies.",
    "The opposition party elected a new leader at its congress on Sunday.",
    "The company relocated its headquarters from the capital to the coast.",
    "The two universities agreed to merge their medical faculties.",
    "Police seized 200 kilograms of cocaine at the port.",
    "Police arrested a man who stole a car and found a knife in his pocket.",
    "The energy group said it would split into two separate businesses next year.",
    "The football federation appointed a new president on Monday.",
    "Police seized 50 kilograms of heroin hidden in a truck.",
    "The coast guard intercepted a boat carrying 40 migrants off the coast.",
    "Rangers recaptured an escaped lion near the national park.",
    "The state took control of the troubled bank on Friday.",
    "Archaeologists uncovered the remains of an ancient settlement near the river.",
    "The wholesaler is relocating its headquarters to the coast.",
    "A suspect in the robbery gave himself up to police on Monday.",
    "Volunteers cleared rubbish from the beaches on Saturday.",
    "Shares rallied in Tokyo as investors bought bank stocks.",
    "Thousands of pilgrims went on a march to the shrine.",
    "The students formed a study group before the exams.",
    "The hospital restored control of its computer systems after a cyberattack.",
    "The charity launched a new movement to end hunger.",
    "The mayor surrendered his post after the scandal.",
    "A court sentenced three men to life in prison for the killing of a lawyer in 2019.",
    "The navy decommissioned two warships at a ceremony on Monday.",
    "The town marked the festival with a parade of floats through its streets.",
    "A gas pipeline exploded near the refinery, killing two workers.",
    "A transformer blast at the factory killed three workers.",
    "A farmer was killed by an elephant near the reserve.",
    "Police arrested ten suspected fraudsters in the city.",
    "The opposition party elected its deputy as its new chairman.",
    "A court acquitted two men accused over the attack on the hotel.",
    "A mortar shell left over from the war exploded in a field, injuring a farmer.",
    "A fire gutted a textile factory overnight. Firemen took six hours to put it out. Four workers were injured.",
    "The army will conduct military exercises near the border next week.",
    "Municipal officials confiscated street vendors' carts in the capital.",
    "An explosion at a fuel depot killed 12 people, and the cause of the blast was not known.",
    "Deminers began clearing landmines from farmland under a foreign-funded programme.",
    "Fighting between two families over a plot of land left one man dead.",
    "The minister resigned in protest at the decision.",
    "Celebratory shots were fired into the air at a wedding, killing one guest.",
    "Five people died after eating poisonous mushrooms.",
    "An old shell exploded at a scrap metal yard, killing two workers.",
    # the killings a trial or a charge is about are no event of the report
    "Prosecutors opened the trial of a former militia commander accused of massacres during the war.",
    "A court freed three men charged over the attack on the university.",
    # no armed force entered; the acts a remembrance is of are the past
    "A convoy carrying food and medicine entered the besieged town on Tuesday.",
    "The town marked the tenth anniversary of the massacre of 40 villagers by militiamen.",
    "The commemoration for the victims of the massacre by soldiers was held on Friday.",
    # arms bought from another state, and an accident, are no ACLED event
    "The defence ministry signed a contract to buy 12 fighter jets from France.",
    "Nine people were injured when a gas canister exploded in a busy cafe on Saturday.",
    # robbers the police shoot in a shootout: ordinary crime, though 'shootout' is a fight
    "Two robbers were shot dead in a shootout with police on the highway today.",
]


@pytest.fixture(scope="module")
def typed() -> dict[str, list]:
    texts = [t for _, t in CASES] + NOT_ACLED
    docs = [Document(id=f"d{i}", text=t, published="2023-03-16") for i, t in enumerate(texts)]
    return {doc.id: ms for doc, ms in Extractor().extract(docs)}


def top_sub_type(mentions) -> str | None:
    """What an analyst filtering on ACLED sees first: the sub-type of the most confident coded mention (background,
    which `watchpost extract` does not write, aside)."""
    coded = [m for m in mentions if m.acled and not m.background]
    return max(coded, key=lambda m: m.confidence).acled["sub_event_type"] if coded else None


@pytest.mark.parametrize("index", range(len(CASES)), ids=[f"{s}: {t[:40]}" for s, t in CASES])
def test_sub_type(typed, index):
    want, text = CASES[index]
    found = typed[f"d{index}"]
    assert found, f"no event in {text!r}"
    assert top_sub_type(found) == want, [(m.type, m.mode, m.trigger, m.acled) for m in found]


@pytest.mark.parametrize("index", range(len(NOT_ACLED)), ids=[t[:40] for t in NOT_ACLED])
def test_no_acled_event(typed, index):
    found = typed[f"d{len(CASES) + index}"]
    assert top_sub_type(found) is None, [(m.type, m.trigger, m.acled) for m in found]


def test_event_type_follows_sub_type(typed):
    book = codebook()
    coded = [m.acled for ms in typed.values() for m in ms if m.acled]
    assert coded
    assert all(book.event_type[a["sub_event_type"]] == a["event_type"] for a in coded)


def test_every_sub_type_has_a_rule():
    book = codebook()
    assert set(book.event_type) - {"Other"} <= {r.sub for r in book.rules}
    assert len(book.event_type) == 25 and len(set(book.event_type.values())) == 6


def test_cues_are_words_not_substrings():
    book = codebook()
    assert "explosive" not in book.cues_in("The minister spoke of a mine of information.")
    assert "explosive" in book.cues_in("Three soldiers died when their truck hit a landmine.")
    assert "suicide" in book.cues_in("The attacker self-detonated at the gate.")


def test_a_rule_naming_an_unknown_cue_is_refused():
    spec = yaml.safe_load((DATA_DIR / "patterns" / "acled.yml").read_text(encoding="utf-8"))
    spec["rules"].append({"sub": "Attack", "cue": ["no_such_cue"]})
    with pytest.raises(ValueError, match="no_such_cue"):
        Codebook(spec)


@pytest.mark.xfail(strict=True, reason="known misses, each with its reason in KNOWN_MISSES")
@pytest.mark.parametrize("want,text,why", KNOWN_MISSES, ids=[w for w, _, _ in KNOWN_MISSES])
def test_known_misses(want, text, why):
    ((_, found),) = list(Extractor().extract([Document(id="k", text=text, published="2023-03-16")]))
    assert top_sub_type(found) == want, why


@pytest.mark.parametrize(
    "sentence",
    [
        "Police fired tear gas to disperse the rally outside parliament.",
        "Insurgents beheaded two villagers and torched houses near Palma.",
        "The anti-riot police's re-arrest of the protesters' leaders sparked marches.",
        "A drone strike hit a fuel depot; no casualties were reported.",
    ],
)
def test_the_cue_lists_first_letters_sift_no_cue_away(sentence):
    book = codebook()
    low = NOT_CUES.sub(" ", sentence.lower())
    assert book.cues_in(sentence) == frozenset(name for name, pattern in book.cues.items() if pattern.search(low))


def test_deaths_told_as_the_past_are_no_cue_of_the_act():
    book = codebook()
    recalled = "Police detained people who came to lay flowers for those killed a month ago at the protests."
    assert "lethal_force" not in book.cues_in(recalled)
    assert "lethal_force" in book.cues_in("Police shot dead two protesters who came to lay flowers.")
    assert "clash" not in book.cues_in("Troops entered the town under a deal to end weeks of fighting.")

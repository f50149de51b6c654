// Fetching from the Watchpost API: JSON in, a readable error out.
export async function getJSON(path, params) {
  const response = await fetch(params ? `${path}?${params}` : path);
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(`${path}: ${response.status} ${JSON.stringify(body.detail ?? "")}`);
  }
  return response.json();
}

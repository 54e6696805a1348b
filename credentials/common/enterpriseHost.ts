/**
 * Google's hosts for Vertex / Gemini Enterprise locations (wire reference §1.1). One table serves
 * the nodes (as code) and the credential test (as an n8n expression, since a credential's test
 * request cannot call code).
 */
const GLOBAL_HOST = 'https://aiplatform.googleapis.com';
const MULTI_REGIONS = ['us', 'eu'];
const multiRegionHost = (location: string) => `https://aiplatform.${location}.rep.googleapis.com`;
const regionalHost = (location: string) => `https://${location}-aiplatform.googleapis.com`;

export function enterpriseHost(location: string): string {
	if (location === 'global' || location === '') return GLOBAL_HOST;
	return MULTI_REGIONS.includes(location) ? multiRegionHost(location) : regionalHost(location);
}

const LOCATION = '$credentials.location';
const quoted = (text: string) => JSON.stringify(text);
/** The host templates with the location spliced in as expression code: `"https://" + loc + "-…"`. */
const spliced = (host: (location: string) => string) =>
	host('\u0000')
		.split('\u0000')
		.map(quoted)
		.join(` + ${LOCATION} + `);

/** `enterpriseHost($credentials.location)`, or the credential's Base URL, without trailing slashes. */
export const ENTERPRISE_BASE_URL_EXPRESSION =
	`={{ ($credentials.baseUrl || (${LOCATION} === "global" || !${LOCATION} ? ${quoted(GLOBAL_HOST)} : ` +
	`(${JSON.stringify(MULTI_REGIONS)}.includes(${LOCATION}) ? ${spliced(multiRegionHost)} : ${spliced(regionalHost)}))).replace(/\\/+$/, "") }}`;

/** ORCID iDs: four groups of four digits, the last character a check digit (0-9 or X). */
const ORCID = /^(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])$/;
const ORCID_URL_PREFIX = /^(https?:\/\/)?(www\.)?orcid\.org\//i;

/** The check character of the first 15 digits of an ORCID iD (ISO 7064 MOD 11-2). */
export function orcidCheckCharacter(first15Digits: string): string {
  let total = 0;
  for (const digit of first15Digits) total = (total + Number(digit)) * 2;
  const result = (12 - (total % 11)) % 11;
  return result === 10 ? 'X' : String(result);
}

export type OrcidReading = { ok: true; orcid: string } | { ok: false; message: string };

/**
 * Read an ORCID iD as people paste it (`0000-0002-1825-0097`, without hyphens, or as the
 * `https://orcid.org/…` address) and return it in the canonical hyphenated form.
 */
export function readOrcid(input: string): OrcidReading {
  const match = ORCID.exec(input.trim().replace(ORCID_URL_PREFIX, '').toUpperCase());
  if (!match)
    return {
      ok: false,
      message: 'an ORCID iD has the form 0000-0002-1825-0097 (16 digits, the last may be X)',
    };
  const digits = match.slice(1, 5).join('');
  if (orcidCheckCharacter(digits.slice(0, 15)) !== digits[15]) {
    return {
      ok: false,
      message:
        'this ORCID iD has a typo: its check digit does not match (copy it from your ORCID record)',
    };
  }
  return { ok: true, orcid: `${match[1]}-${match[2]}-${match[3]}-${match[4]}` };
}

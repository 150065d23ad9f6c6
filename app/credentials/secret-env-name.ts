/**
 * The environment variable that may hold a profile's secret for headless use:
 * FERRY_SECRET_<PROFILE_ID>, the id upper-cased and every non-alphanumeric character as "_".
 * "ceph-lab.2" → FERRY_SECRET_CEPH_LAB_2.
 */
export function secretEnvName(profileId: string): string {
  return `FERRY_SECRET_${profileId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

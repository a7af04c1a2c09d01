/**
 * Cloud Carbon Footprint coefficients, copied verbatim from https://github.com/cloud-carbon-footprint/cloud-carbon-coefficients
 * commit dda7621f8ab227dcb45096af6ccc2227aaf92b3e (2023-05-08), Apache-2.0 (see NOTICE.md):
 * `output/coefficients-{aws,azure,gcp}-use.csv` (min/max W per vCPU by micro-architecture) and
 * `data/grid-emissions-factors-{aws,azure,gcp}.csv` (cloud region → tCO2e/kWh, here in kgCO2e/kWh).
 * Generated from those files; do not edit by hand. See docs/methodology/cloud.md.
 */

export const CCF_SOURCE =
  'Cloud Carbon Footprint coefficients (Apache-2.0), github.com/cloud-carbon-footprint/cloud-carbon-coefficients @ dda7621f'

export type CloudProvider = 'aws' | 'azure' | 'gcp'

/** Min and max W per vCPU of each micro-architecture, per provider. */
export const CCF_WATTS_PER_VCPU: Readonly<
  Record<CloudProvider, Readonly<Record<string, { min: number; max: number }>>>
> = {
  aws: {
    Graviton: { min: 0.4742621527777778, max: 1.6929615162037037 },
    'Ivy Bridge': { min: 3.0369270833333335, max: 8.248611111111112 },
    'Sandy Bridge': { min: 2.1694411458333334, max: 8.575357663690477 },
    Haswell: { min: 1.9005681818181814, max: 6.012910353535353 },
    'Sky Lake': { min: 0.6446044454253452, max: 4.193436438541878 },
    'Cascade Lake': { min: 0.6389493581523519, max: 3.9673047343937564 },
    'EPYC 2nd Gen': { min: 0.4742621527777778, max: 1.6929615162037037 },
    Graviton2: { min: 0.4742621527777778, max: 1.6929615162037037 },
    Broadwell: { min: 0.7128342245989304, max: 3.6853275401069516 },
    'EPYC 1st Gen': { min: 0.82265625, max: 2.553125 },
    'Coffee Lake': { min: 1.138425925925926, max: 5.421759259259258 },
  },
  azure: {
    'EPYC 3rd Gen': { min: 0.44538981119791665, max: 2.0193277994791665 },
    Haswell: { min: 1.9005681818181814, max: 6.012910353535353 },
    'Cascade Lake': { min: 0.6389493581523519, max: 3.9673047343937564 },
    Skylake: { min: 0.6446044454253452, max: 4.193436438541878 },
    Broadwell: { min: 0.7128342245989304, max: 3.6853275401069516 },
    'EPYC 2nd Gen': { min: 0.4742621527777778, max: 1.6929615162037037 },
    'Coffee Lake': { min: 1.138425925925926, max: 5.421759259259258 },
    'EPYC 1st Gen': { min: 0.82265625, max: 2.553125 },
  },
  gcp: {
    Skylake: { min: 0.6446044454253452, max: 3.8984738056304855 },
    Broadwell: { min: 0.7128342245989304, max: 3.3857473048128344 },
    Haswell: { min: 1.9005681818181814, max: 5.9688982156043195 },
    'EPYC 2nd Gen': { min: 0.4742621527777778, max: 1.5751872939814815 },
    'Cascade Lake': { min: 0.6389493581523519, max: 3.6424520285114035 },
    'EPYC 3rd Gen': { min: 0.44538981119791665, max: 1.8719357994791666 },
    'Ivy Bridge': { min: 3.0369270833333335, max: 8.199689511111112 },
    'Sandy Bridge': { min: 2.1694411458333334, max: 8.550185877430936 },
  },
}

/** Grid factor of each cloud region, kgCO2e/kWh (the CSV's tCO2e/kWh × 1000), with the CSV's own source. */
export const CCF_REGION_GRID: Readonly<
  Record<CloudProvider, Readonly<Record<string, { kgCo2ePerKwh: number; source: string }>>>
> = {
  aws: {
    'us-east-1': { kgCo2ePerKwh: 0.415755, source: 'EPA' },
    'us-east-2': { kgCo2ePerKwh: 0.440187, source: 'EPA' },
    'us-west-1': { kgCo2ePerKwh: 0.350861, source: 'EPA' },
    'us-west-2': { kgCo2ePerKwh: 0.350861, source: 'EPA' },
    'us-gov-east-1': { kgCo2ePerKwh: 0.415755, source: 'EPA' },
    'us-gov-west-1': { kgCo2ePerKwh: 0.350861, source: 'EPA' },
    'af-south-1': { kgCo2ePerKwh: 0.928, source: 'carbonfootprint.com' },
    'ap-east-1': { kgCo2ePerKwh: 0.81, source: 'carbonfootprint.com' },
    'ap-south-1': { kgCo2ePerKwh: 0.708, source: 'carbonfootprint.com' },
    'ap-northeast-3': { kgCo2ePerKwh: 0.506, source: 'carbonfootprint.com' },
    'ap-northeast-2': { kgCo2ePerKwh: 0.5, source: 'carbonfootprint.com' },
    'ap-southeast-1': { kgCo2ePerKwh: 0.4085, source: 'EMA Singapore' },
    'ap-southeast-2': { kgCo2ePerKwh: 0.79, source: 'carbonfootprint.com' },
    'ap-northeast-1': { kgCo2ePerKwh: 0.506, source: 'carbonfootprint.com' },
    'ca-central-1': { kgCo2ePerKwh: 0.13, source: 'carbonfootprint.com' },
    'cn-north-1': { kgCo2ePerKwh: 0.555, source: 'carbonfootprint.com' },
    'cn-northwest-1': { kgCo2ePerKwh: 0.555, source: 'carbonfootprint.com' },
    'eu-central-1': { kgCo2ePerKwh: 0.338, source: 'EEA' },
    'eu-west-1': { kgCo2ePerKwh: 0.316, source: 'EEA' },
    'eu-west-2': { kgCo2ePerKwh: 0.228, source: 'EEA' },
    'eu-south-1': { kgCo2ePerKwh: 0.233, source: 'EEA' },
    'eu-west-3': { kgCo2ePerKwh: 0.052, source: 'EEA' },
    'eu-north-1': { kgCo2ePerKwh: 0.008, source: 'EEA' },
    'me-south-1': { kgCo2ePerKwh: 0.732, source: 'carbonfootprint.com' },
    'sa-east-1': { kgCo2ePerKwh: 0.074, source: 'carbonfootprint.com' },
  },
  azure: {
    'Central US': { kgCo2ePerKwh: 0.47223, source: 'EPA' },
    'East US': { kgCo2ePerKwh: 0.415755, source: 'EPA' },
    'East US 2': { kgCo2ePerKwh: 0.415755, source: 'EPA' },
    'East US 3': { kgCo2ePerKwh: 0.415755, source: 'EPA' },
    'North Central US': { kgCo2ePerKwh: 0.440187, source: 'EPA' },
    'South Central US': { kgCo2ePerKwh: 0.396293, source: 'EPA' },
    'West Central US': { kgCo2ePerKwh: 0.350861, source: 'EPA' },
    'West US': { kgCo2ePerKwh: 0.350861, source: 'EPA' },
    'West US 2': { kgCo2ePerKwh: 0.350861, source: 'EPA' },
    'West US 3': { kgCo2ePerKwh: 0.350861, source: 'EPA' },
    'East Asia': { kgCo2ePerKwh: 0.81, source: 'carbonfootprint.com' },
    'Southeast Asia': { kgCo2ePerKwh: 0.4085, source: 'EMA Singapore' },
    'North Europe': { kgCo2ePerKwh: 0.316, source: 'EEA' },
    'West Europe': { kgCo2ePerKwh: 0.39, source: 'EEA' },
    'Central India': { kgCo2ePerKwh: 0.708, source: 'carbonfootprint.com' },
    'South India': { kgCo2ePerKwh: 0.708, source: 'carbonfootprint.com' },
    'West India': { kgCo2ePerKwh: 0.708, source: 'carbonfootprint.com' },
    'UK South': { kgCo2ePerKwh: 0.228, source: 'EEA' },
    'UK West': { kgCo2ePerKwh: 0.228, source: 'EEA' },
    'France Central': { kgCo2ePerKwh: 0.067, source: 'EEA' },
    'Finland Central': { kgCo2ePerKwh: 77000.0, source: 'EEA' },
    'Germany West Central': { kgCo2ePerKwh: 402000.0, source: 'EEA' },
    'Belgium Central': { kgCo2ePerKwh: 0.154, source: 'EEA' },
    'Sweden Central': { kgCo2ePerKwh: 0.009, source: 'EEA' },
  },
  gcp: {
    'us-central1': { kgCo2ePerKwh: 0.479, source: 'Google' },
    'us-east1': { kgCo2ePerKwh: 0.5, source: 'Google' },
    'us-east4': { kgCo2ePerKwh: 0.383, source: 'Google' },
    'us-west1': { kgCo2ePerKwh: 0.117, source: 'Google' },
    'us-west2': { kgCo2ePerKwh: 0.248, source: 'Google' },
    'us-west3': { kgCo2ePerKwh: 0.561, source: 'Google' },
    'us-west4': { kgCo2ePerKwh: 0.491, source: 'Google' },
    'asia-east1': { kgCo2ePerKwh: 0.541, source: 'Google' },
    'asia-east2': { kgCo2ePerKwh: 0.626, source: 'Google' },
    'asia-northeast1': { kgCo2ePerKwh: 0.524, source: 'Google' },
    'asia-northeast2': { kgCo2ePerKwh: 0.524, source: 'Google' },
    'asia-northeast3': { kgCo2ePerKwh: 0.54, source: 'Google' },
    'asia-south1': { kgCo2ePerKwh: 0.723, source: 'Google' },
    'asia-southeast1': { kgCo2ePerKwh: 0.493, source: 'Google' },
    'asia-southeast2': { kgCo2ePerKwh: 0.772, source: 'Google' },
    'australia-southeast1': { kgCo2ePerKwh: 0.725, source: 'Google' },
    'europe-north1': { kgCo2ePerKwh: 0.181, source: 'Google' },
    'europe-west1': { kgCo2ePerKwh: 0.196, source: 'Google' },
    'europe-west2': { kgCo2ePerKwh: 0.257, source: 'Google' },
    'europe-west3': { kgCo2ePerKwh: 0.319, source: 'Google' },
    'europe-west4': { kgCo2ePerKwh: 0.474, source: 'Google' },
    'europe-west6': { kgCo2ePerKwh: 0.029, source: 'Google' },
    'northamerica-northeast1': { kgCo2ePerKwh: 0.143, source: 'Google' },
    'southamerica-east1': { kgCo2ePerKwh: 0.109, source: 'Google' },
  },
}

// An independent implementation of the assignment hash (docs/assignment-algorithm.md, sections 2-3,
// the GrowthBook SDK specification), used to check the service's answers from outside.

/** FNV-1a 32 over the string's UTF-16 code units, unsigned. */
export function fnv1a32(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash >>> 0;
}

/** Hash version 2: the unit's bucket in [0, 1). */
export function bucketV2(seed, unit) {
  return (fnv1a32(String(fnv1a32(seed + unit))) % 10000) / 10000;
}

/** The variation index for a bucket under equal weights and full coverage, or -1. */
export function equalWeightVariation(bucket, variationCount) {
  const width = 1 / variationCount;
  for (let i = 0; i < variationCount; i++) {
    if (bucket >= i * width && bucket < (i + 1) * width) return i;
  }
  return -1;
}

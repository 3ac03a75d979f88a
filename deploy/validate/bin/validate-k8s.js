#!/usr/bin/env node
// Usage: node bin/validate-k8s.js [directory with kustomization.yaml]   (default: deploy/k8s)
// Exit 0 when every resource is valid; 1 with one line per problem otherwise.

import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKustomization, validateResources } from '../src/k8s.js';

const directory = resolve(process.argv[2] ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../k8s'));
try {
  const resources = loadKustomization(directory);
  const problems = await validateResources(resources);
  if (problems.length > 0) {
    problems.forEach((problem) => console.error(`INVALID ${problem}`));
    process.exit(1);
  }
  console.log(`${resources.length} resources in ${directory}: valid against the Kubernetes schemas and Assay's rules`);
} catch (error) {
  console.error(`INVALID ${error.message}`);
  process.exit(1);
}

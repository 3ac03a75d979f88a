// Validates Kubernetes manifests without an API server: every document against the Kubernetes
// OpenAPI schemas (the kubernetes-models package: types, required fields, enums, formats), then
// Assay's deployment rules (gRPC probes, resources, graceful termination, references that resolve).

import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The services every deployment of Assay must run, with their gRPC ports. */
export const SERVICE_PORTS = Object.freeze({ assignment: 50051, bandit: 50052, analysis: 50053 });

/**
 * Reads the resources a kustomization.yaml lists (files and nested kustomization directories).
 * Returns [{ file, doc }] in order; YAML syntax errors throw.
 */
export function loadKustomization(directory, root = directory) {
  const kustomization = parseSingle(join(directory, 'kustomization.yaml'));
  if (!Array.isArray(kustomization.resources) || kustomization.resources.length === 0) {
    throw new Error(`${relative(root, directory) || '.'}/kustomization.yaml lists no resources`);
  }
  return kustomization.resources.flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return loadKustomization(path, root);
    return loadFile(path).map((doc) => ({ file: relative(root, path), doc }));
  });
}

function parseSingle(path) {
  const [document] = parseAllDocuments(readFileSync(path, 'utf8'));
  if (!document || document.errors.length > 0) throw new Error(`${path}: ${document?.errors[0] ?? 'empty'}`);
  return document.toJS();
}

function loadFile(path) {
  return parseAllDocuments(readFileSync(path, 'utf8')).flatMap((document) => {
    if (document.errors.length > 0) throw new Error(`${path}: ${document.errors[0].message}`);
    const doc = document.toJS();
    return doc === null ? [] : [doc];
  });
}

/** Validates every resource; returns the list of problems, each "file Kind/name: message". */
export async function validateResources(resources) {
  const problems = [];
  for (const { file, doc } of resources) {
    const where = `${file} ${doc?.kind ?? '?'}/${doc?.metadata?.name ?? '?'}`;
    const schemaError = await schemaProblem(doc);
    if (schemaError) problems.push(`${where}: ${schemaError}`);
  }
  if (problems.length === 0) problems.push(...ruleProblems(resources));
  return problems;
}

async function schemaProblem(doc) {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return 'not a YAML mapping';
  const { apiVersion, kind } = doc;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return 'apiVersion and kind are required';
  let models;
  try {
    models = await import(`kubernetes-models/${apiVersion}`);
  } catch {
    return `unknown apiVersion ${apiVersion}`;
  }
  const Model = models[kind];
  if (typeof Model !== 'function' || Model.kind !== kind || Model.apiVersion !== apiVersion) {
    return `unknown kind ${kind} in ${apiVersion}`;
  }
  if (!doc.metadata?.name) return 'metadata.name is required';
  try {
    new Model(doc).validate();
    return null;
  } catch (error) {
    return error.message.replace(/\s+/g, ' ');
  }
}

/** Assay's rules over the whole set; run once every document is schema-valid. */
export function ruleProblems(resources) {
  const problems = [];
  const docs = resources.map((r) => r.doc);
  const byKind = (kind) => docs.filter((d) => d.kind === kind);
  const named = (kind, name) => byKind(kind).find((d) => d.metadata.name === name);
  const deployments = byKind('Deployment');
  const matches = (selector, labels) =>
    Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value) && Object.keys(selector ?? {}).length > 0;

  for (const [service, port] of Object.entries(SERVICE_PORTS)) {
    const name = `assay-${service}`;
    for (const kind of ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'ConfigMap']) {
      if (!named(kind, name)) problems.push(`${kind}/${name} is missing`);
    }
    const deployment = named('Deployment', name);
    const container = deployment?.spec.template.spec.containers[0];
    if (container && !(container.ports ?? []).some((p) => p.containerPort === port)) {
      problems.push(`Deployment/${name}: container must expose port ${port}`);
    }
  }

  // The console: HTTP on 8080, probed on its API, reachable through a Service.
  const console = named('Deployment', 'assay-console');
  if (!console) problems.push('Deployment/assay-console is missing');
  else {
    const container = console.spec.template.spec.containers[0];
    const http = (container.ports ?? []).find((p) => p.containerPort === 8080);
    if (!http) problems.push('Deployment/assay-console: container must expose port 8080');
    for (const probe of ['readinessProbe', 'livenessProbe']) {
      const get = container[probe]?.httpGet;
      if (!get || get.path !== '/api/config' || (get.port !== 8080 && get.port !== http?.name)) {
        problems.push(`Deployment/assay-console: ${probe} must GET /api/config on port 8080`);
      }
    }
  }
  if (!named('Service', 'assay-console')) problems.push('Service/assay-console is missing');

  for (const deployment of deployments) {
    const where = `Deployment/${deployment.metadata.name}`;
    const pod = deployment.spec.template.spec;
    if (!matches(deployment.spec.selector.matchLabels, deployment.spec.template.metadata?.labels)) {
      problems.push(`${where}: selector.matchLabels must match the pod template labels`);
    }
    if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${where}: pod must set securityContext.runAsNonRoot`);
    for (const container of pod.containers) {
      const at = `${where} container ${container.name}`;
      const { requests = {}, limits = {} } = container.resources ?? {};
      if (!requests.cpu || !requests.memory || !limits.memory) {
        problems.push(`${at}: resources need cpu and memory requests and a memory limit`);
      }
      for (const ref of container.envFrom ?? []) {
        if (ref.configMapRef && !named('ConfigMap', ref.configMapRef.name)) {
          problems.push(`${at}: ConfigMap ${ref.configMapRef.name} does not exist`);
        }
      }
      for (const env of container.env ?? []) {
        const secretRef = env.valueFrom?.secretKeyRef;
        if (!secretRef) continue;
        const secret = named('Secret', secretRef.name);
        if (!secret) problems.push(`${at}: Secret ${secretRef.name} does not exist`);
        else if (!(secretRef.key in { ...secret.data, ...secret.stringData })) {
          problems.push(`${at}: Secret ${secretRef.name} has no key ${secretRef.key}`);
        }
      }
      if (!isAssayContainer(container)) continue;
      const grpcPort = container.ports.find((p) => p.name === 'grpc').containerPort;
      for (const probe of ['readinessProbe', 'livenessProbe']) {
        if (container[probe]?.grpc?.port !== grpcPort) {
          problems.push(`${at}: ${probe} must use the gRPC health protocol on port ${grpcPort}`);
        }
      }
      const graceSeconds = shutdownGraceSeconds(container, named);
      const preStopSeconds = preStopSleepSeconds(container);
      const termination = pod.terminationGracePeriodSeconds ?? 30;
      if (termination <= graceSeconds + preStopSeconds) {
        problems.push(
          `${at}: terminationGracePeriodSeconds (${termination}) must exceed preStop (${preStopSeconds}s) + shutdown grace (${graceSeconds}s)`,
        );
      }
    }
  }

  for (const service of byKind('Service')) {
    const selector = service.spec.selector;
    const target = deployments.find((d) => matches(selector, d.spec.template.metadata?.labels));
    if (!target) {
      problems.push(`Service/${service.metadata.name}: selector matches no Deployment`);
      continue;
    }
    const portNames = target.spec.template.spec.containers.flatMap((c) => (c.ports ?? []).map((p) => p.name));
    for (const port of service.spec.ports) {
      if (typeof port.targetPort === 'string' && !portNames.includes(port.targetPort)) {
        problems.push(`Service/${service.metadata.name}: targetPort ${port.targetPort} is not a port of the pods`);
      }
    }
  }
  for (const hpa of byKind('HorizontalPodAutoscaler')) {
    const ref = hpa.spec.scaleTargetRef;
    if (ref.kind !== 'Deployment' || !named('Deployment', ref.name)) {
      problems.push(`HorizontalPodAutoscaler/${hpa.metadata.name}: scaleTargetRef ${ref.kind}/${ref.name} does not exist`);
    }
    if ((hpa.spec.minReplicas ?? 1) < 2) {
      problems.push(`HorizontalPodAutoscaler/${hpa.metadata.name}: minReplicas must be at least 2 for rolling updates without downtime`);
    }
  }
  for (const pdb of byKind('PodDisruptionBudget')) {
    if (!deployments.some((d) => matches(pdb.spec.selector?.matchLabels, d.spec.template.metadata?.labels))) {
      problems.push(`PodDisruptionBudget/${pdb.metadata.name}: selector matches no Deployment`);
    }
  }
  return problems;
}

function isAssayContainer(container) {
  return (container.ports ?? []).some((p) => p.name === 'grpc');
}

/** ASSAY_SHUTDOWN_GRACE from the container's env or ConfigMaps (ISO-8601 or milliseconds); 20 s by default. */
function shutdownGraceSeconds(container, named) {
  const direct = (container.env ?? []).find((e) => e.name === 'ASSAY_SHUTDOWN_GRACE')?.value;
  const fromConfigMaps = (container.envFrom ?? [])
    .map((ref) => ref.configMapRef && named('ConfigMap', ref.configMapRef.name)?.data?.ASSAY_SHUTDOWN_GRACE)
    .find((value) => value !== undefined);
  const text = direct ?? fromConfigMaps;
  if (text === undefined) return 20;
  const iso = /^PT(\d+(?:\.\d+)?)S$/.exec(text);
  if (iso) return Number(iso[1]);
  if (/^\d+$/.test(text)) return Number(text) / 1000;
  throw new Error(`ASSAY_SHUTDOWN_GRACE ${text}: expected PT<n>S or milliseconds`);
}

function preStopSleepSeconds(container) {
  const preStop = container.lifecycle?.preStop;
  if (preStop?.sleep) return preStop.sleep.seconds;
  const command = preStop?.exec?.command ?? [];
  return command[0] === 'sleep' ? Number(command[1]) : 0;
}

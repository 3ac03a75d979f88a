// A small Node client for Assay: loads the .proto contracts at run time with @grpc/proto-loader and
// exposes every gRPC service of every Assay service as promise-returning methods.
//
//   const assay = connect({ assignment: 'localhost:50051', bandit: 'localhost:50052' });
//   const { assignments } = await assay.assignment.evaluation.evaluate({ unitId: 'user-42' });
//   assay.close();
//
// Messages use proto-loader's JSON-like form: camelCase field names, enums as strings, 64-bit
// integers as strings, oneofs named by a `<oneof>` field. google.protobuf.Struct and Value fields take
// the wire form ({ fields: { country: { stringValue: 'FR' } } }); toStruct/toValue/fromValue convert.

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

/** The repository's contracts: proto/src/main/proto. */
export const DEFAULT_PROTO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../proto/src/main/proto');

/** The Assay services and their fixed default ports. */
export const DEFAULT_ADDRESSES = Object.freeze({
  assignment: 'localhost:50051',
  bandit: 'localhost:50052',
  analysis: 'localhost:50053',
});

const LOADER_OPTIONS = Object.freeze({
  keepCase: false, // camelCase field names
  longs: String, // int64 as decimal strings: no precision loss
  enums: String, // enum values by name, e.g. 'REASON_BUCKET'
  defaults: true, // unset scalars read as their zero value, as in every other proto3 language
  oneofs: true, // a virtual field names the member of each oneof that is set
});

/**
 * Loads every .proto under protoRoot. google/protobuf/{struct,timestamp,field_mask,duration}.proto
 * resolve to the copies protobufjs bundles, so protoRoot is the only include directory needed.
 */
export function loadContracts(protoRoot = DEFAULT_PROTO_ROOT) {
  const files = protoFiles(protoRoot).map((file) => relative(protoRoot, file).split(sep).join('/'));
  const definition = protoLoader.loadSync(files, { ...LOADER_OPTIONS, includeDirs: [protoRoot] });
  return grpc.loadPackageDefinition(definition);
}

function protoFiles(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return protoFiles(path);
    return entry.name.endsWith('.proto') ? [path] : [];
  });
}

/**
 * Connects to the given services (name → "host:port"; names are assay.<name>.v1 packages). Returns
 * { <service>: { <grpcService>: client } } where <grpcService> is the service name without its
 * "Service" suffix, lower camelCase (EvaluationService → evaluation), and each unary method returns a
 * promise; streaming methods are grpc-js' own. Every server also carries the token and audit services
 * of assay.security.v1, as <service>.token and <service>.audit. Calls get a 10-second deadline unless
 * options.deadlineMillis says otherwise. close() closes every channel.
 *
 * Security (see docs/security.md): options.token sends "authorization: Bearer <token>" on every call;
 * options.caFile (a PEM) connects over TLS trusting that CA, and options.certFile + options.keyFile add
 * a client certificate for mutual TLS. options.credentials overrides the channel credentials entirely.
 */
export function connect(addresses = DEFAULT_ADDRESSES, options = {}) {
  const contracts = options.contracts ?? loadContracts(options.protoRoot);
  const credentials = options.credentials ?? channelCredentials(options);
  const deadlineMillis = options.deadlineMillis ?? 10_000;
  const clientOptions = options.token ? { interceptors: [bearer(options.token)] } : {};
  const clients = [];
  const api = {};
  for (const [service, address] of Object.entries(addresses)) {
    const pkg = contracts.assay?.[service]?.v1;
    if (!pkg) throw new Error(`no contracts for service "${service}" (package assay.${service}.v1)`);
    api[service] = {};
    const packages = [pkg, contracts.assay?.security?.v1 ?? {}];
    for (const [name, ctor] of packages.flatMap((p) => Object.entries(p))) {
      if (typeof ctor !== 'function' || !ctor.service) continue;
      const client = new ctor(address, credentials, clientOptions);
      clients.push(client);
      api[service][clientName(name)] = promisify(client, ctor.service, deadlineMillis);
    }
  }
  api.close = () => clients.forEach((client) => client.close());
  return api;
}

/** Plaintext by default; TLS when a CA file is given (mutual TLS with a client certificate too). */
function channelCredentials({ caFile, certFile, keyFile }) {
  if (!caFile) return grpc.credentials.createInsecure();
  const read = (file) => (file ? readFileSync(file) : null);
  return grpc.credentials.createSsl(read(caFile), read(keyFile), read(certFile));
}

/**
 * A client interceptor adding the bearer token to every call's metadata. (grpc-js refuses call
 * credentials on plaintext channels; metadata works on both, and plaintext is only for development.)
 */
function bearer(token) {
  return (callOptions, nextCall) =>
    new grpc.InterceptingCall(nextCall(callOptions), {
      start(metadata, listener, next) {
        metadata.set('authorization', `Bearer ${token}`);
        next(metadata, listener);
      },
    });
}

function clientName(serviceName) {
  const short = serviceName.replace(/Service$/, '');
  return short.charAt(0).toLowerCase() + short.slice(1);
}

function promisify(client, service, deadlineMillis) {
  const methods = {};
  for (const [name, method] of Object.entries(service)) {
    const camel = name.charAt(0).toLowerCase() + name.slice(1);
    if (method.requestStream || method.responseStream) {
      methods[camel] = client[name].bind(client);
      continue;
    }
    methods[camel] = (request, callOptions = {}) =>
      new Promise((resolvePromise, reject) => {
        const deadline = new Date(Date.now() + (callOptions.deadlineMillis ?? deadlineMillis));
        client[name](request, new grpc.Metadata(), { deadline }, (error, response) =>
          error ? reject(error) : resolvePromise(response),
        );
      });
  }
  return methods;
}

/** A plain JavaScript value as a google.protobuf.Value. */
export function toValue(value) {
  if (value === null || value === undefined) return { nullValue: 'NULL_VALUE' };
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (Array.isArray(value)) return { listValue: { values: value.map(toValue) } };
  return { structValue: toStruct(value) };
}

/** A plain JavaScript object as a google.protobuf.Struct. */
export function toStruct(object) {
  return { fields: Object.fromEntries(Object.entries(object).map(([key, value]) => [key, toValue(value)])) };
}

/** A google.protobuf.Value (as proto-loader returns it) as a plain JavaScript value. */
export function fromValue(value) {
  if (!value || !value.kind) return null;
  switch (value.kind) {
    case 'nullValue':
      return null;
    case 'numberValue':
    case 'stringValue':
    case 'boolValue':
      return value[value.kind];
    case 'listValue':
      return (value.listValue.values ?? []).map(fromValue);
    case 'structValue':
      return Object.fromEntries(
        Object.entries(value.structValue.fields ?? {}).map(([key, inner]) => [key, fromValue(inner)]),
      );
    default:
      throw new Error(`unknown google.protobuf.Value kind ${value.kind}`);
  }
}

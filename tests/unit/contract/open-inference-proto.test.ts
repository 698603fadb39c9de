// The project's gRPC service definition (contract/grpc/open-inference.proto) against the protocol's reference
// (Triton's grpc_service.proto, tests/support/oip-grpc): every message it declares, nested ones included, must have
// the reference's fields with the same names, numbers, types and labels, and every method the same request and
// response types, so Triton's and KServe's generated clients stay wire-compatible.
import { join } from 'node:path';
import * as protoLoader from '@grpc/proto-loader';
import { describe, expect, it } from 'vitest';
import { openInferenceProtoPath } from '../../../main/platform/open-inference-proto.js';
import { findPackageRoot } from '../../../main/platform/paths.js';

const referenceFolder = join(findPackageRoot(), 'tests', 'support', 'oip-grpc');

interface FieldDescriptor {
  name: string;
  number: number;
  label: string;
  type: string;
  typeName: string;
  oneofIndex?: number;
}

interface MessageDescriptor {
  name: string;
  field: FieldDescriptor[];
  oneofDecl: { name: string }[];
  nestedType: MessageDescriptor[];
}

interface MessageDefinition {
  format: string;
  type: MessageDescriptor;
}

interface MethodDefinition {
  path: string;
  requestType: { type: { name: string } };
  responseType: { type: { name: string } };
}

function load(file: string, includeDirs: string[] = []): protoLoader.PackageDefinition {
  return protoLoader.loadSync(file, { includeDirs, keepCase: true });
}

const ours = load(openInferenceProtoPath());
const reference = load(join(referenceFolder, 'grpc_service.proto'), [referenceFolder]);

/** Every message by full name, nested ones (and map entries) included. */
function messages(definition: protoLoader.PackageDefinition): Map<string, MessageDescriptor> {
  const found = new Map<string, MessageDescriptor>();
  const visit = (name: string, descriptor: MessageDescriptor): void => {
    found.set(name, descriptor);
    for (const nested of descriptor.nestedType) visit(`${name}.${nested.name}`, nested);
  };
  for (const [name, value] of Object.entries(definition)) {
    const message = value as Partial<MessageDefinition>;
    if (message.format?.includes('DescriptorProto') && message.type) visit(name, message.type);
  }
  return found;
}

const fieldsOf = (message: MessageDescriptor) =>
  message.field.map(({ name, number, label, type, typeName, oneofIndex }) => ({
    name,
    number,
    label,
    type,
    typeName,
    oneof: oneofIndex === undefined ? null : (message.oneofDecl[oneofIndex]?.name ?? null),
  }));

describe('contract/grpc/open-inference.proto', () => {
  it('declares the messages the brief asks for, in package inference', () => {
    const names = [...messages(ours).keys()];
    for (const name of [
      'ServerLiveRequest',
      'ServerReadyResponse',
      'ModelReadyRequest',
      'ServerMetadataResponse',
      'ModelMetadataResponse.TensorMetadata',
      'InferParameter',
      'InferTensorContents',
      'ModelInferRequest.InferInputTensor',
      'ModelInferRequest',
      'ModelInferResponse',
      'RepositoryIndexResponse.ModelIndex',
    ]) {
      expect(names).toContain(`inference.${name}`);
    }
  });

  it('has every message field as the reference has it (name, number, type, label, oneof)', () => {
    const declared = messages(ours);
    const referenced = messages(reference);
    expect(declared.size).toBeGreaterThan(20);
    for (const [name, message] of declared) {
      const theirs = referenced.get(name);
      expect(theirs, `${name} is not in the reference`).toBeDefined();
      expect(fieldsOf(message), name).toEqual(fieldsOf(theirs!));
    }
  });

  it('serves methods of the reference service with its request and response types', () => {
    const service = ours['inference.GRPCInferenceService'] as unknown as Record<string, MethodDefinition>;
    const theirs = reference['inference.GRPCInferenceService'] as unknown as Record<string, MethodDefinition>;
    const methods = Object.keys(service);
    expect(methods).toEqual(
      expect.arrayContaining([
        'ServerLive',
        'ServerReady',
        'ModelReady',
        'ServerMetadata',
        'ModelMetadata',
        'ModelInfer',
        'RepositoryIndex',
        'RepositoryModelLoad',
        'RepositoryModelUnload',
      ]),
    );
    for (const method of methods) {
      const reference = theirs[method];
      expect(reference, method).toBeDefined();
      expect(service[method]!.path).toBe(reference!.path);
      expect(service[method]!.requestType.type.name).toBe(reference!.requestType.type.name);
      expect(service[method]!.responseType.type.name).toBe(reference!.responseType.type.name);
    }
  });

  it('would notice a renumbered field (the comparison is not vacuous)', () => {
    const infer = messages(ours).get('inference.ModelInferRequest')!;
    const drifted: MessageDescriptor = {
      ...infer,
      field: infer.field.map((field) => (field.name === 'raw_input_contents' ? { ...field, number: 8 } : field)),
    };
    expect(fieldsOf(infer)).toEqual(fieldsOf(messages(reference).get('inference.ModelInferRequest')!));
    expect(fieldsOf(drifted)).not.toEqual(fieldsOf(messages(reference).get('inference.ModelInferRequest')!));
  });
});

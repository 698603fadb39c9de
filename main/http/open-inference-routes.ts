// The Open Inference Protocol v2 routes (KServe / Triton REST) over OpenInferenceService; errors are `{"error": "…"}`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MosaicError, modelNameSchema, toErrorPayload } from '../../contract/index.js';
import type { Logger } from '../platform/logger.js';
import type { OpenInferenceService } from '../services/open-inference/open-inference-service.js';
import { binaryExtensionRefusal } from '../services/open-inference/open-inference-rules.js';
import { readJson, sendJson, sendOipError, setRetryAfter } from './http-bodies.js';
import { httpStatusOf } from './http-status.js';

const modelPath = /^\/v2\/models\/([^/]+)(?:\/versions\/([^/]+))?(?:\/(ready|infer))?$/;

export interface OpenInferenceRouteOptions {
  /** Absent: every route but /v2/health/live answers 404. */
  service?: OpenInferenceService;
  logger: Logger;
  /** Largest accepted infer body; its tensors are JSON numbers. */
  maxInferBodyBytes: number;
}

export async function answerOpenInference(
  options: OpenInferenceRouteOptions,
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const service = options.service;
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const verb = path.endsWith('/infer') ? 'POST' : 'GET';
  try {
    if (request.method !== verb && !(verb === 'GET' && request.method === 'HEAD')) {
      response.setHeader('allow', verb);
      throw new MosaicError('UNSUPPORTED_METHOD', `${path} takes ${verb}.`);
    }
    if (path === '/v2/health/live') {
      sendJson(response, 200, { live: true });
      return;
    }
    if (!service) throw new MosaicError('NOT_FOUND', `No route ${path}.`);
    if (path === '/v2/health/ready') {
      const reason = service.notReadyReason();
      sendJson(response, reason === null ? 200 : 503, reason === null ? { ready: true } : { ready: false, reason });
      return;
    }
    if (path === '/v2') {
      sendJson(response, 200, service.serverMetadata());
      return;
    }
    const match = modelPath.exec(path);
    if (!match) throw new MosaicError('NOT_FOUND', `No route ${path}.`);
    const name = decodeSegment(match[1] as string);
    const version = match[2] === undefined ? undefined : decodeSegment(match[2]);
    if (!modelNameSchema.safeParse(name).success) throw new MosaicError('MODEL_NOT_FOUND', `No model "${name}".`);
    if (match[3] === 'ready') {
      const ready = await service.modelReady(name, version);
      sendJson(response, ready ? 200 : 503, { name, ready });
    } else if (match[3] === 'infer') {
      // Triton's binary tensor data extension sends tensors after the JSON, whose length this header gives.
      if (request.headers['inference-header-content-length'] !== undefined) {
        throw new MosaicError(
          'BAD_REQUEST',
          `Inference-Header-Content-Length asks for binary data. ${binaryExtensionRefusal}`,
        );
      }
      const body = await readJson(request, options.maxInferBodyBytes);
      sendJson(response, 200, await service.infer(name, version, body));
    } else {
      sendJson(response, 200, await service.modelMetadata(name, version));
    }
  } catch (error) {
    const payload = toErrorPayload(error);
    if (payload.code === 'INTERNAL') options.logger.error('request failed', { message: payload.message });
    setRetryAfter(response, payload);
    sendOipError(response, httpStatusOf[payload.code], payload.message);
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new MosaicError('BAD_REQUEST', `"${segment}" is not a valid path segment.`);
  }
}

// Contract methods of the system domain: what the app is, how healthy it is, and a round trip to the inference host.
import { z } from 'zod';
import { defineMethod } from './method-spec.js';
import { inferenceBackendSchema, serviceSettingsViewSchema } from './open-inference.js';
import {
  apiAccessSchema,
  doctorReportSchema,
  probeRequestSchema,
  probeResultSchema,
  systemInfoSchema,
} from './system.js';

const empty = z.object({}).strict();

export const systemMethods = {
  'system.info': defineMethod({
    summary: 'Versions, data folder, and the inference host with its execution provider.',
    request: empty,
    response: systemInfoSchema,
    http: 'GET',
  }),
  'system.doctor': defineMethod({
    summary: 'Everything in system.info plus installed models and health checks.',
    request: empty,
    response: doctorReportSchema,
    http: 'GET',
  }),
  'system.apiAccess': defineMethod({
    summary: "The HTTP API's address, its bearer token and the file that keeps the token (for Settings and scripts).",
    request: empty,
    response: apiAccessSchema,
    http: 'GET',
  }),
  'system.settings': defineMethod({
    summary:
      'Where inference runs (this machine or an Open Inference Protocol server) and the gRPC port the app serves.',
    request: empty,
    response: serviceSettingsViewSchema,
    http: 'GET',
  }),
  'system.updateSettings': defineMethod({
    summary: 'Changes where inference runs (the inference host restarts) or the gRPC port the app serves.',
    request: z
      .object({
        inference: inferenceBackendSchema.optional(),
        grpcPort: z.number().int().min(0).max(65535).nullable().optional(),
      })
      .strict(),
    response: serviceSettingsViewSchema,
    http: 'POST',
  }),
  'inference.probe': defineMethod({
    summary: 'Runs the bundled probe graph in the inference host: a round trip through every layer.',
    request: probeRequestSchema,
    response: probeResultSchema,
    http: 'POST',
  }),
};

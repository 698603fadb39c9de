// Contract methods of the system domain: what the app is, how healthy it is, and a round trip to the inference host.
import { z } from 'zod';
import { defineMethod } from './method-spec.js';
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
  'inference.probe': defineMethod({
    summary: 'Runs the bundled probe graph in the inference host: a round trip through every layer.',
    request: probeRequestSchema,
    response: probeResultSchema,
    http: 'POST',
  }),
};

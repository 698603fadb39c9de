// How the CLI front door maps contract error codes to process exit codes (sysexits-style where one fits).
import type { ErrorCode } from '../../contract/index.js';

export const exitCodeOf: Record<ErrorCode, number> = {
  BAD_REQUEST: 64, // EX_USAGE
  NOT_FOUND: 66, // EX_NOINPUT
  UNAUTHORIZED: 77, // EX_NOPERM
  FORBIDDEN: 77,
  PAYLOAD_TOO_LARGE: 65, // EX_DATAERR
  UNSUPPORTED_METHOD: 64,
  QUEUE_FULL: 75, // EX_TEMPFAIL
  CANCELLED: 130, // as after Ctrl-C
  TIMEOUT: 75,
  INFERENCE_HOST_CRASHED: 70, // EX_SOFTWARE
  INFERENCE_HOST_UNAVAILABLE: 69, // EX_UNAVAILABLE
  INFERENCE_HOST_BACKING_OFF: 75, // EX_TEMPFAIL: try again after the time the message names
  EXECUTION_PROVIDER_UNAVAILABLE: 69,
  MODEL_LOAD_FAILED: 70,
  INFERENCE_FAILED: 70,
  MODEL_NOT_FOUND: 66, // EX_NOINPUT
  MODEL_IN_USE: 65, // EX_DATAERR: the request conflicts with the store's state
  NO_ACTIVE_VERSION: 78, // EX_CONFIG: choose (activate) or install a version first
  INVALID_MANIFEST: 65,
  INTEGRITY_ERROR: 65,
  INCOMPATIBLE_MODEL: 78, // EX_CONFIG: needs a newer app
  DOWNLOAD_FAILED: 69, // EX_UNAVAILABLE
  STORE_UNWRITABLE: 73, // EX_CANTCREAT
  INTERNAL: 70,
};

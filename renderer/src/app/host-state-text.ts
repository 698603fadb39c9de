// The status bar's words for the inference host: its state, and while it backs off after crashes, when it tries again.
import type { InferenceHostStatus } from '../../../contract/index.js';

export function hostStateText(inference: InferenceHostStatus | undefined): string {
  if (!inference) return 'Inference connecting…';
  if (inference.state === 'backing-off' && inference.nextRetryAt) {
    const at = new Date(inference.nextRetryAt).toLocaleTimeString();
    return `Inference crashed ${inference.recentCrashes} times · next try at ${at}`;
  }
  return `Inference ${inference.state}`;
}

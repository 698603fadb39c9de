// Names a model card's evaluation figures for people: `pop-locked.in_scale_rate.minimum` → "Notes in scale, lowest",
// grouped under the setting they were measured in ("Pop, key locked"), with the manifest's key kept as the tooltip.

export interface EvaluationRow {
  /** The manifest's own key. */
  key: string;
  label: string;
  value: number | string;
}

export interface EvaluationSection {
  /** The setting the figures were measured in, or null for the model as a whole. */
  title: string | null;
  rows: EvaluationRow[];
}

/** Settings a key may start with (`pop.…`): the style the clips were generated in. */
const settings: Record<string, string> = {
  pop: 'Pop',
  folk: 'Folk',
  'pop-locked': 'Pop, key locked',
  'folk-locked': 'Folk, key locked',
  drums: 'Drums',
};

const metrics: Record<string, string> = {
  parameters: 'Parameters',
  heldout_nats_per_note: 'Held-out loss (nats per note)',
  heldout_bits_per_note: 'Held-out loss (bits per note)',
  heldout_nats_per_token: 'Held-out loss (nats per token)',
  train_steps: 'Training steps',
  train_minutes: 'Training time (minutes)',
  int8_top1_agreement: 'int8 variant: top-1 agreement with fp32',
  int8_loss_delta: 'int8 variant: loss change from fp32',
  notes_per_bar: 'Notes per bar',
  pitch_class_entropy: 'Pitch-class entropy',
  scale_consistency: 'Scale consistency',
  in_scale_rate: 'Notes in scale',
  groove_consistency: 'Groove consistency',
  velocity_std: 'Velocity spread (standard deviation)',
  timing_offset_ticks: 'Timing offset (ticks)',
  testNllPerColumn: 'Test loss (nats per column)',
  trainingCpuMinutes: 'Training time (CPU minutes)',
  levels: 'Levels evaluated',
  playableDelivered: 'Playable, as delivered',
  playableBeforeRepair: 'Playable before repair',
  repairedLevels: 'Levels repaired',
  promptAdherence: 'Prompt adherence',
  promptAdherenceAllFour: 'Prompt adherence, all four attributes',
  exactCopies: 'Exact copies of training levels',
  noveltyMedianTiles: 'Novelty, median (tiles changed)',
  noveltyMinTiles: 'Novelty, minimum (tiles changed)',
  diversityMeanPairwise: 'Diversity (mean pairwise)',
  patternKl2x2: '2×2 pattern KL divergence',
  patternKl2x2HeldOutReference: '2×2 pattern KL divergence, held-out levels',
  brokenStructures: 'Broken structures',
  msPerLevelMedian: 'Time per level, median (ms)',
};

/** What a key's last part says about the figure before it. */
const qualifiers: Record<string, string> = {
  corpus: 'in the training corpus',
  difference: 'difference from the corpus',
  minimum: 'lowest',
  maximum: 'highest',
  median: 'median',
  mean: 'mean',
};

/** How some words are written when an unknown key is spelled out from its parts. */
const spelling: Record<string, string> = {
  int8: 'int8',
  fp16: 'fp16',
  fp32: 'fp32',
  nll: 'NLL',
  kl: 'KL',
  ms: 'ms',
  bpm: 'bpm',
  midi: 'MIDI',
};

/** A label for one key; keys that already read as words (with spaces) are kept. */
export function evaluationLabel(key: string): string {
  if (/\s/.test(key)) return key;
  const parts = key.split('.');
  const setting = parts.length > 1 && settings[parts[0]!] ? settings[parts[0]!] : null;
  const rest = setting ? parts.slice(1) : parts;
  const qualifier = rest.length > 1 ? qualifiers[rest.at(-1)!] : undefined;
  const metric = (qualifier ? rest.slice(0, -1) : rest).join('.');
  const name = metrics[metric] ?? spellOut(metric);
  return qualifier ? `${name}, ${qualifier}` : name;
}

/** The figures in manifest order, grouped by setting (the model-wide ones first), each with its label. */
export function evaluationSections(evaluation: Record<string, number | string>): EvaluationSection[] {
  const sections: EvaluationSection[] = [{ title: null, rows: [] }];
  for (const [key, value] of Object.entries(evaluation)) {
    const prefix = key.includes('.') ? key.split('.')[0]! : '';
    const title = /\s/.test(key) ? null : (settings[prefix] ?? null);
    let section = sections.find((candidate) => candidate.title === title);
    if (!section) sections.push((section = { title, rows: [] }));
    section.rows.push({ key, label: evaluationLabel(key), value });
  }
  return sections.filter((section) => section.rows.length > 0);
}

/** `pitch_class_entropy`, `valNllPerBar`, `int8_size_mb` → "Pitch class entropy", "Val NLL per bar", "int8 size mb". */
function spellOut(metric: string): string {
  const words = metric
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s._-]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
  return words
    .map((word, index) => spelling[word] ?? (index === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word))
    .join(' ');
}

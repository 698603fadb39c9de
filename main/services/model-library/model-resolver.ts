// Turns a model selector (name, optional version and precision) into the files the inference host runs, installing a
// bundled package on the first use of a model this library never had, so the app works offline from its first start.
import type { ModelDetail, ModelSelector, Precision, ResolvedModel } from '../../../contract/index.js';
import { MosaicError, precisions } from '../../../contract/index.js';
import type { ModelLibrary } from './model-library.js';

/** Everything the host needs to run one installed model, plus the identity recorded with each result. */
export interface RunnableModel {
  model: ResolvedModel;
  /** Absolute path of the graph blob (content-addressed, so one session serves every version that shares it). */
  graphPath: string;
  /** A package-shaped folder (tokenizer and vocabulary files beside the graph). */
  modelDir: string;
  maxPositions: number;
  defaults: ModelDetail['manifest']['defaults'];
}

export class ModelResolver {
  private readonly cache = new Map<string, Promise<RunnableModel>>();
  private readonly details = new Map<string, Promise<ModelDetail>>();
  private readonly provisioning = new Map<string, Promise<unknown>>();

  constructor(private readonly library: ModelLibrary) {}

  /** The runnable files for a selector; the active version when none is named. Cached until the library changes. */
  resolve(selector: ModelSelector): Promise<RunnableModel> {
    const key = `${selector.name}@${selector.version ?? 'active'}:${selector.precision ?? 'default'}`;
    return remembered(this.cache, key, () => this.load(selector));
  }

  /**
   * An installed version in detail (the active one when none is named), never provisioning it: what the Open Inference
   * Protocol routes read on every request. Cached until the library changes.
   */
  detail(name: string, version?: string): Promise<ModelDetail> {
    return remembered(this.details, `${name}@${version ?? 'active'}`, () => this.library.overview.show(name, version));
  }

  /** Forgets cached resolutions (call on every library change: activation, rollback, removal). */
  invalidate(): void {
    this.cache.clear();
    this.details.clear();
  }

  /** The installed model a graph path belongs to, among those resolved so far. */
  async identify(graphPath: string): Promise<ResolvedModel | null> {
    for (const pending of this.cache.values()) {
      const runnable = await pending.catch(() => null);
      if (runnable?.graphPath === graphPath) return runnable.model;
    }
    return null;
  }

  private async load(selector: ModelSelector): Promise<RunnableModel> {
    const detail = await this.show(selector);
    const manifest = detail.manifest;
    const precision = choosePrecision(selector.precision, manifest);
    const files =
      precision === manifest.precision
        ? manifest.files
        : manifest.variants?.find((variant) => variant.precision === precision)?.files;
    const graph = files?.find((file) => file.role === 'graph');
    if (!graph) throw new MosaicError('MODEL_NOT_FOUND', `${detail.name}@${detail.version} has no ${precision} graph.`);
    const located = detail.files.find((file) => file.sha256 === graph.sha256);
    if (!located)
      throw new MosaicError(
        'INTEGRITY_ERROR',
        `The graph of ${detail.name}@${detail.version} is missing from the store.`,
      );
    if (!manifest.maxPositions) {
      throw new MosaicError('INVALID_MANIFEST', `${detail.name}@${detail.version} does not declare maxPositions.`);
    }
    return {
      model: { name: detail.name, version: detail.version, precision, digest: graph.sha256, task: manifest.task },
      graphPath: located.blobPath,
      modelDir: detail.folder,
      maxPositions: manifest.maxPositions,
      defaults: manifest.defaults,
    };
  }

  /**
   * The installed version. "First use" means a model this library has never had: no version installed, no entry in
   * its activation log and no recorded removal (a version installed without activating it, then removed, counts as had).
   * Only then is the bundled package installed (and activated) unasked. A model whose versions the
   * user removed, or that has versions but none active, is never installed again by a generation: the answer says what
   * is installed and how to choose or install a version (NO_ACTIVE_VERSION, or MODEL_NOT_FOUND for a named version).
   */
  private async show(selector: ModelSelector): Promise<ModelDetail> {
    try {
      return await this.library.overview.show(selector.name, selector.version);
    } catch (error) {
      if (!(error instanceof MosaicError) || error.code !== 'MODEL_NOT_FOUND') throw error;
      if (await this.library.versions.known(selector.name)) throw await this.notInstalled(selector);
      await this.provisionBundled(selector);
      return this.library.overview.show(selector.name, selector.version);
    }
  }

  /** Why a model this library has had cannot run now, and what the user can do. */
  private async notInstalled({ name, version }: ModelSelector): Promise<MosaicError> {
    const installed = await this.library.versions.installedOf(name);
    const listed = installed.length > 0 ? `installed: ${installed.join(', ')}` : 'no version is installed';
    if (version) {
      return new MosaicError(
        'MODEL_NOT_FOUND',
        `${name}@${version} is not installed (${listed}); install it with "mosaic models install ${name}@${version}" or from the Models workspace.`,
      );
    }
    return new MosaicError(
      'NO_ACTIVE_VERSION',
      installed.length > 0
        ? `${name} has no active version (${listed}). Activate one: "mosaic models use ${name}@${installed[0]}", or Activate in the Models workspace.`
        : `${name} has no active version: ${listed}, and a model you removed is not installed again unasked. Install one: "mosaic models install ${name}", or Install in the Models workspace.`,
      { name, installedVersions: installed },
    );
  }

  private provisionBundled(selector: ModelSelector): Promise<unknown> {
    const key = `${selector.name}@${selector.version ?? ''}`;
    let pending = this.provisioning.get(key);
    if (!pending) {
      const request = { name: selector.name, catalogId: 'bundled', activate: true, wait: true };
      pending = this.library
        .install(selector.version ? { ...request, version: selector.version } : request)
        .finally(() => this.provisioning.delete(key));
      this.provisioning.set(key, pending);
    }
    return pending;
  }
}

/** The pending value for a key, started by `load` when there is none; a failure is forgotten so the next call retries. */
function remembered<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let pending = cache.get(key);
  if (!pending) {
    pending = load();
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

/** The asked precision, else the package's preferred one (defaults.precision), else its main files' precision. */
function choosePrecision(asked: Precision | undefined, manifest: ModelDetail['manifest']): Precision {
  const available = new Set<Precision>([
    manifest.precision,
    ...(manifest.variants ?? []).map((variant) => variant.precision),
  ]);
  if (asked) {
    if (!available.has(asked)) {
      throw new MosaicError(
        'MODEL_NOT_FOUND',
        `${manifest.name}@${manifest.version} has no ${asked} variant (has ${[...available].join(', ')}).`,
      );
    }
    return asked;
  }
  const preferred = manifest.defaults.precision;
  if (
    typeof preferred === 'string' &&
    (precisions as readonly string[]).includes(preferred) &&
    available.has(preferred as Precision)
  ) {
    return preferred as Precision;
  }
  return manifest.precision;
}

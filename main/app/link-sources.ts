// The URLs the desktop app shows, for the link opener: the app's homepage and catalogs, then installed model cards'
// training-data links, then the cards catalogs offer (read only when the cheaper sources do not allow a link).
import type { ModelManifest } from '../../contract/index.js';
import type { ContractDispatcher } from '../services/engine/contract-dispatcher.js';

type LinkSource = () => Promise<(string | null | undefined)[]>;

export interface LinkSourceOptions {
  dispatcher: ContractDispatcher;
  /** package.json's homepage and `mosaic.modelCatalog`. */
  homepage: string | null;
  appCatalog: string | null;
}

export function appLinkSources({ dispatcher, homepage, appCatalog }: LinkSourceOptions): LinkSource[] {
  const context = { origin: 'internal' } as const;
  const catalogs = () => dispatcher.call('models.catalogs', {}, context).then((answer) => answer.catalogs);
  return [
    async () => [homepage, appCatalog, ...(await catalogs()).map((catalog) => catalog.location)],
    async () => {
      const { models } = await dispatcher.call('models.list', {}, context);
      const versions = models.flatMap((model) => model.versions.map(({ version }) => ({ name: model.name, version })));
      const details = await Promise.all(versions.map((selector) => dispatcher.call('models.show', selector, context)));
      return details.flatMap((detail) => cardLinksOf(detail.manifest));
    },
    async () => {
      const offered = (await catalogs()).flatMap((catalog) =>
        catalog.models.flatMap((model) =>
          model.versions.map(({ version }) => ({ name: model.name, version, catalogId: catalog.id })),
        ),
      );
      const previews = await Promise.all(
        offered.map((selector) => dispatcher.call('models.preview', selector, context).catch(() => null)),
      );
      return previews.flatMap((preview) => (preview ? cardLinksOf(preview.manifest) : []));
    },
  ];
}

/** The links a model card shows. */
export function cardLinksOf(manifest: ModelManifest): (string | undefined)[] {
  return manifest.trainingData.map((data) => data.url);
}

// Editing the catalogs the library installs from (add, remove, focus the location field) and reading the manifest a
// catalog offers for a version not installed (models.preview), for the model card.
import type { StateCreator } from 'zustand';
import type { ModelManifest, MosaicBridge } from '../../../contract/index.js';
import { modelRef } from '../../../contract/index.js';
import { libraryAction } from './models-slice.js';
import type { StudioState } from './studio-store.js';

export interface ModelCatalogsSlice {
  /** Manifests of versions not installed, read from their catalog with models.preview ('unavailable' when it failed). */
  modelOffers: Record<string, { catalogId: string; manifest: ModelManifest } | 'unavailable'>;
  /** Bumped to ask the catalogs panel to focus its location field. */
  catalogFieldRequest: number;
  loadModelOffer: (name: string, version: string, catalogId?: string) => Promise<void>;
  addCatalog: (location: string, allowHttp: boolean) => Promise<boolean>;
  removeCatalog: (id: string) => Promise<void>;
  requestCatalogField: () => void;
}

export function createModelCatalogsSlice(bridge: MosaicBridge): StateCreator<StudioState, [], [], ModelCatalogsSlice> {
  return (set, get) => {
    const act = libraryAction(set, get);
    const reload = async (): Promise<void> => {
      await get().loadModels();
    };
    return {
      modelOffers: {},
      catalogFieldRequest: 0,
      loadModelOffer: async (name, version, catalogId) => {
        let offer: ModelCatalogsSlice['modelOffers'][string];
        try {
          offer = await bridge.call('models.preview', { name, version, ...(catalogId ? { catalogId } : {}) });
        } catch {
          offer = 'unavailable'; // the card then shows what the catalog index says
        }
        set({ modelOffers: { ...get().modelOffers, [modelRef(name, version)]: offer } });
      },
      addCatalog: (location, allowHttp) =>
        act('catalog', async () => {
          const catalog = await bridge.call('models.addCatalog', { location: location.trim(), allowHttp });
          await reload();
          const count = catalog.models.length;
          return `Added catalog ${catalog.id}: ${count} ${count === 1 ? 'model' : 'models'}.`;
        }),
      removeCatalog: async (id) => {
        await act('catalog', async () => {
          await bridge.call('models.removeCatalog', { id });
          await reload();
          return `Removed catalog ${id}; installed models stay.`;
        });
      },
      requestCatalogField: () => set({ catalogFieldRequest: get().catalogFieldRequest + 1 }),
    };
  };
}

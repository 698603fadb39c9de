// The catalogs in use, each with its status (and error code when unreachable); add one by URL or folder, remove one added.
// A built-in catalog that cannot be reached (the app's own, offline) is a quiet note: the library works without it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useStudio } from '../../state/store-context.js';

export function CatalogsPanel() {
  const catalogs = useStudio((state) => state.modelCatalogs);
  const busy = useStudio((state) => state.modelsBusy !== null);
  const addCatalog = useStudio((state) => state.addCatalog);
  const removeCatalog = useStudio((state) => state.removeCatalog);
  const fieldRequest = useStudio((state) => state.catalogFieldRequest);
  const [location, setLocation] = useState('');
  const [allowHttp, setAllowHttp] = useState(false);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (fieldRequest === 0) return;
    field.current?.scrollIntoView({ block: 'center' });
    field.current?.focus();
  }, [fieldRequest]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (await addCatalog(location, allowHttp)) {
      setLocation('');
      setAllowHttp(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="catalogs-heading" data-testid="catalogs-panel">
      <h2 id="catalogs-heading">Catalogs</h2>
      <ul className="catalog-list">
        {catalogs.map((catalog) => {
          const offline = catalog.builtIn && catalog.status === 'unreachable';
          return (
            <li key={catalog.id} className="catalog-entry" data-testid={`catalog-${catalog.id}`}>
              <div className="catalog-line">
                <span className={`status-dot catalog-${offline ? 'offline' : catalog.status}`} aria-hidden="true" />
                <strong>{catalog.id}</strong>
                <span className="muted" data-testid="catalog-status">
                  {catalog.builtIn ? 'built in · ' : ''}
                  {catalog.status === 'ok'
                    ? `${catalog.models.length} ${catalog.models.length === 1 ? 'model' : 'models'}`
                    : offline
                      ? 'offline'
                      : catalog.status}
                </span>
                {catalog.builtIn ? null : (
                  <button
                    type="button"
                    className="link-button catalog-remove"
                    disabled={busy}
                    aria-label={`Remove catalog ${catalog.id}`}
                    onClick={() => void removeCatalog(catalog.id)}
                  >
                    Remove
                  </button>
                )}
              </div>
              <div className="catalog-location">{catalog.location}</div>
              {catalog.error && offline ? (
                <div className="muted catalog-note" title={`${catalog.error.code}: ${catalog.error.message}`}>
                  Not reachable now; its model updates show once it is.
                </div>
              ) : catalog.error ? (
                <div className="error catalog-error">
                  <code>{catalog.error.code}</code> {catalog.error.message}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      <form className="catalog-form" onSubmit={(event) => void submit(event)}>
        <label className="field">
          <span className="field-label">Add a catalog</span>
          <input
            ref={field}
            className="text-input"
            placeholder="https://host/models or /absolute/folder"
            value={location}
            onChange={(event) => setLocation(event.target.value)}
            data-testid="catalog-location"
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={allowHttp} onChange={(event) => setAllowHttp(event.target.checked)} />
          Allow plain http to a host beyond this machine
        </label>
        <button type="submit" className="button" disabled={busy || location.trim() === ''}>
          Add catalog
        </button>
      </form>
    </section>
  );
}

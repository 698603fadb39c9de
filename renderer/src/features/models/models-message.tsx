// The last library error (with its code) or what the last action did, calm and in place; dismissable.
import { useStudio } from '../../state/store-context.js';

export function ModelsMessage() {
  const error = useStudio((state) => state.modelsError);
  const notice = useStudio((state) => state.modelsNotice);
  const dismiss = useStudio((state) => state.dismissModelsMessage);
  if (!error && !notice) return null;
  return (
    <div
      className={`models-message ${error ? 'models-message-error' : ''}`}
      role={error ? 'alert' : 'status'}
      data-testid="models-message"
    >
      <span>
        {error ? (
          <>
            <code>{error.code}</code> {error.message}
          </>
        ) : (
          notice
        )}
      </span>
      <button type="button" className="link-button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

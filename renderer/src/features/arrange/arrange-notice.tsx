// Above the lanes: where the song shown came from when another workspace sent it (or a file was dropped), with a
// way back, and the last error of an arrange call.
import { describeShortcut } from '../../commands/command.js';
import { useStudio } from '../../state/store-context.js';
import { ErrorBanner } from '../../ui/error-banner.js';

export function ArrangeNotice() {
  const notice = useStudio((state) => state.arrangeNotice);
  const replaced = useStudio((state) => state.arrangeReplaced);
  const setNotice = useStudio((state) => state.setArrangeNotice);
  const restore = useStudio((state) => state.restoreReplacedSong);
  const showWorkspace = useStudio((state) => state.showWorkspace);
  const error = useStudio((state) => state.arrangeError);
  const clear = useStudio((state) => state.reportArrangeError);
  return (
    <>
      <ErrorBanner
        error={error}
        cancelledText="Cancelled: the song is as it was."
        testId="arrange-error"
        onDismiss={() => clear(null)}
      />
      {notice ? (
        <p className="arrange-notice" role="status" data-testid="arrange-notice">
          <span>{notice}</span>
          {notice.includes('Music') ? (
            <button type="button" className="music-chip" onClick={() => showWorkspace('music')}>
              Back to Music ({describeShortcut('Mod+1')})
            </button>
          ) : null}
          {replaced ? (
            <button type="button" className="music-chip" onClick={restore} data-testid="arrange-restore">
              Restore the song it replaced
            </button>
          ) : null}
          <button type="button" className="error-banner-close" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </p>
      ) : null}
    </>
  );
}

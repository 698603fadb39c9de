// The loaded primer's tempo, offered beside Tempo in words: "The primer is at 100 bpm — use it for every mode?" with Use and Dismiss.

export function TempoSuggestion({ tempo, onAnswer }: { tempo: number; onAnswer: (use: boolean) => void }) {
  return (
    <div className="music-key-suggestion" role="status" data-testid="music-tempo-suggestion">
      <span>
        The primer is at <strong>{tempo} bpm</strong> — use it for every mode?
      </span>
      <button type="button" className="music-chip" onClick={() => onAnswer(true)} data-testid="music-tempo-use">
        Use
      </button>
      <button type="button" className="music-chip" onClick={() => onAnswer(false)} data-testid="music-tempo-dismiss">
        Dismiss
      </button>
    </div>
  );
}

// The address of another server and the bearer token it asks for, as Settings asks for them (Backend: another Mosaic
// service; Inference: an Open Inference Protocol server), with what is wrong with the address said under them.
interface TextField {
  label: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
}

export interface ServerAddressFieldsProps {
  address: TextField & { type: 'url' | 'text'; placeholder: string };
  token: TextField;
  /** What to change in the address as typed, shown under the fields; null when it is fine. */
  problem: string | null;
}

export function ServerAddressFields({ address, token, problem }: ServerAddressFieldsProps) {
  return (
    <>
      <label className="settings-field">
        <span>{address.label}</span>
        <input
          type={address.type}
          placeholder={address.placeholder}
          spellCheck={false}
          value={address.value}
          onChange={(event) => address.onChange(event.target.value)}
          data-testid={address.testId}
        />
      </label>
      <label className="settings-field">
        <span>{token.label}</span>
        <input
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token.value}
          onChange={(event) => token.onChange(event.target.value)}
          data-testid={token.testId}
        />
      </label>
      {problem === null ? null : <p className="error">{problem}</p>}
    </>
  );
}

import { PasswordInput } from '@mantine/core';

/** A new password typed twice; the caller refuses to submit while `repeat` does not match. */
export function NewPasswordFields({
  password,
  repeat,
  onPassword,
  onRepeat,
  error,
}: {
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
  error: string | undefined;
}) {
  return (
    <>
      <PasswordInput
        label="Password"
        description="At least 12 characters."
        autoComplete="new-password"
        required
        value={password}
        onChange={(event) => onPassword(event.currentTarget.value)}
        error={error}
      />
      <PasswordInput
        label="Repeat password"
        autoComplete="new-password"
        required
        value={repeat}
        onChange={(event) => onRepeat(event.currentTarget.value)}
        error={repeat !== '' && repeat !== password ? 'does not match' : undefined}
      />
    </>
  );
}

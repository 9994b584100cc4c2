import { Alert, Button, Stack, Text } from '@mantine/core';
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  readonly failed: boolean;
}

/** Catches render errors of a section so the rest of Lotse stays usable. No details are shown. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(_error: unknown, _info: ErrorInfo): void {
    // Intentionally no console output of the error: it may contain personal data.
  }

  override componentDidUpdate(previous: { resetKey?: string }): void {
    if (this.state.failed && previous.resetKey !== this.props.resetKey) this.setState({ failed: false });
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <Alert
        color="red.9"
        title="Dieser Bereich konnte nicht angezeigt werden"
        role="alert"
        variant="outline"
      >
        <Stack gap="sm">
          <Text size="sm">
            Ihre gespeicherten Daten sind davon nicht betroffen. Versuchen Sie es erneut oder wechseln Sie den
            Bereich.
          </Text>
          <Button variant="default" onClick={() => this.setState({ failed: false })} w="fit-content">
            Erneut versuchen
          </Button>
        </Stack>
      </Alert>
    );
  }
}

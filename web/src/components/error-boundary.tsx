/**
 * @module web/components/error-boundary
 * The last line against a blank screen: a rendering error in a screen is caught and shown with its
 * message and a way to reload, while the header and navigation stay usable.
 */
import { Component, type ReactNode } from 'react';

interface Props { title: string; reloadLabel: string; resetKey: string; children: ReactNode }
interface State { error: Error | null; resetKey: string }

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    // A navigation to another screen clears the error of the previous one.
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="problem" role="alert">
        <p className="problem-title"><strong>{this.props.title}</strong></p>
        <p>{this.state.error.message}</p>
        <button type="button" onClick={() => window.location.reload()}>{this.props.reloadLabel}</button>
      </div>
    );
  }
}

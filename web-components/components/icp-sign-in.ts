import { LitElement, css, html } from 'lit';

import type { IdentityProvider } from '../auth/identity-provider.ts';
import { baseStyles } from './shared-styles.ts';

/** Sign-in button over a pluggable IdentityProvider; emits `icp-sign-in-change` {principal | null}. */
export class IcpSignIn extends LitElement {
  static properties = {
    provider: { attribute: false },
    principal: { state: true },
    busy: { state: true },
  };
  declare provider: IdentityProvider | undefined;
  declare principal: string | null;
  declare busy: boolean;

  constructor() {
    super();
    this.provider = undefined;
    this.principal = null;
    this.busy = false;
  }

  static styles = [
    baseStyles,
    css`
      button {
        padding: 4px 10px;
        /* Fallbacks for a sign-in button placed on a page outside <icp-calendar>. */
        border: 1px solid var(--_border, #d1d5db);
        border-radius: var(--_radius, 4px);
        background: var(--_bg, #ffffff);
        cursor: pointer;
      }
      span {
        font-size: 0.8rem;
        margin-inline-end: 6px;
      }
    `,
  ];

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    const identity = await this.provider?.restore();
    if (identity) this.setPrincipal(identity.getPrincipal().toText());
  }

  protected override render() {
    if (!this.provider) return html``;
    return this.principal
      ? html`<span part="principal" title=${this.principal}>${this.principal.slice(0, 11)}…</span
          ><button part="button" ?disabled=${this.busy} @click=${this.signOut}>Sign out</button>`
      : html`<button part="button" ?disabled=${this.busy} @click=${this.signIn}>
          Sign in with ${this.provider.name}
        </button>`;
  }

  private async signIn(): Promise<void> {
    this.busy = true;
    try {
      const identity = await this.provider!.signIn();
      this.setPrincipal(identity.getPrincipal().toText());
    } finally {
      this.busy = false;
    }
  }

  private async signOut(): Promise<void> {
    await this.provider!.signOut();
    this.setPrincipal(null);
  }

  private setPrincipal(principal: string | null): void {
    this.principal = principal;
    this.dispatchEvent(
      new CustomEvent('icp-sign-in-change', {
        detail: { principal },
        bubbles: true,
        composed: true,
      }),
    );
  }
}

if (!customElements.get('icp-sign-in')) customElements.define('icp-sign-in', IcpSignIn);

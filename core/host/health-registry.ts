export interface HealthReport {
  healthy: boolean;
  detail?: string;
}

export interface RegisteredHealthCheck {
  plugin: string;
  name: string;
  check(): HealthReport;
}

/** Every health check registered by any plugin; resolved through the HEALTH_CHECKS token. */
export class HealthRegistry {
  private readonly checks: RegisteredHealthCheck[] = [];

  register(check: RegisteredHealthCheck): void {
    this.checks.push(check);
  }

  list(): readonly RegisteredHealthCheck[] {
    return this.checks;
  }

  /** Runs every check; a throwing check counts as unhealthy with its message. */
  runAll(): { plugin: string; name: string; report: HealthReport }[] {
    return this.checks.map(({ plugin, name, check }) => {
      try {
        return { plugin, name, report: check() };
      } catch (error) {
        return { plugin, name, report: { healthy: false, detail: String(error) } };
      }
    });
  }
}

import { keyNeedsOf, privateKeyVariable, publicKeyVariable, serviceUrlVariable, type SubgraphDescriptor } from '@etika/kit';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';

/**
 * The platform on Kubernetes, derived from the registry so that it cannot drift: per service a Deployment, a
 * Service, a PodDisruptionBudget, an autoscaler where it may scale out, and a NetworkPolicy; one ConfigMap, one
 * Ingress for the gateway, and the migration Job. Secrets are referenced by name and never written here.
 */

export type Manifest = IDeployment | IService | IPodDisruptionBudget | IHorizontalPodAutoscaler | INetworkPolicy | IConfigMap | IIngress | IJob;

/** One process of the platform as Kubernetes runs it. */
export interface Workload {
  readonly name: string;
  readonly port: number;
  readonly component: 'gateway' | 'subgraph';
  /** The entry point, from the image's working directory. */
  readonly main: string;
  /** Signs with a key of its own (its private key is the only one it is given). */
  readonly signs: boolean;
  /** Other services whose internal routes it calls (NetworkPolicies let exactly those in). */
  readonly calls: readonly string[];
  /** Why it runs as one replica, when it must: it is then neither autoscaled nor rolled with two at once. */
  readonly singleWriter: string | null;
}

/**
 * Subgraphs that must run as one replica, and why. Every other subgraph keeps its state in PostgreSQL and Redis
 * only and scales out; a new subgraph scales out unless it is listed here.
 */
export const SINGLE_WRITERS: Readonly<Record<string, string>> = {
  chain: 'appends to one Merkle log and signs its checkpoints on a timer: one writer',
};

export const IMAGE = 'etika/platform';
export const CONFIG = 'etika-config';
export const DATASTORES_SECRET = 'etika-datastores';
export const PUBLIC_KEYS_SECRET = 'etika-public-keys';
export const privateKeySecret = (service: string) => `etika-${service}-key`;
export const MIGRATION_JOB = 'etika-migrate';

export function workloadsOf(subgraphs: readonly SubgraphDescriptor[], gatewaySigns = true): Workload[] {
  return [
    { name: 'gateway', port: 4000, component: 'gateway', main: 'gateway/src/main.ts', signs: gatewaySigns, calls: subgraphs.map((s) => s.name), singleWriter: null },
    ...subgraphs.map((s) => ({
      name: s.name,
      port: s.port,
      component: 'subgraph' as const,
      main: `subgraphs/${s.name}/src/main.ts`,
      signs: keyNeedsOf(s).signs,
      calls: s.calls,
      singleWriter: SINGLE_WRITERS[s.name] ?? null,
    })),
  ];
}

/** What an environment changes: how many replicas, how far they scale, what they may use, where it answers. */
export interface EnvironmentSettings {
  readonly replicas: number;
  readonly maxReplicas: number;
  readonly cpu: { readonly request: string; readonly limit: string };
  readonly memory: { readonly request: string; readonly limit: string };
  readonly logLevel: string;
  readonly host: string;
  /** `Strict-Transport-Security` max-age the gateway sends (the Ingress terminates TLS). */
  readonly hstsMaxAge: number;
  /** The environment's name on every span (`deployment.environment.name`), so one collector tells them apart. */
  readonly name: string;
}

const labels = (w: Pick<Workload, 'name' | 'component'>) => ({ 'app.kubernetes.io/name': w.name, 'app.kubernetes.io/part-of': 'etika', 'app.kubernetes.io/component': w.component });
const selector = (name: string) => ({ 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'etika' });

/** Non-root, nothing writable but /tmp, no privilege, no capability, the runtime's seccomp profile. */
function podSpec(container: IContainer, restartPolicy?: 'Never'): IPodSpec {
  return {
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      {
        ...container,
        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
        volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
      },
    ],
    volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }],
    ...(restartPolicy ? { restartPolicy } : {}),
  };
}

const fromSecret = (name: string, secret: string, key = name): IEnvVar => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });

/** Every public key, its own private key and nothing else; the datastores by URL. */
function secretEnv(w: Workload, signers: readonly string[]): IEnvVar[] {
  return [
    fromSecret('DATABASE_URL', DATASTORES_SECRET),
    fromSecret('REDIS_URL', DATASTORES_SECRET),
    ...signers.map((s) => fromSecret(publicKeyVariable(s), PUBLIC_KEYS_SECRET)),
    ...(w.signs ? [fromSecret(privateKeyVariable(w.name), privateKeySecret(w.name))] : []),
  ];
}

function deployment(w: Workload, signers: readonly string[], env: EnvironmentSettings): IDeployment {
  const probe = (path: string, periodSeconds: number, failureThreshold: number) => ({ httpGet: { path, port: 'http' }, periodSeconds, failureThreshold, timeoutSeconds: 2 });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: w.name, labels: labels(w) },
    spec: {
      // the autoscaler owns the replica count of the others; applying the Deployment again must not reset it
      ...(w.singleWriter ? { replicas: 1 } : {}),
      selector: { matchLabels: selector(w.name) },
      strategy: w.singleWriter ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: labels(w) },
        spec: podSpec({
          name: w.name,
          image: `${IMAGE}:latest`,
          workingDir: '/app',
          command: ['/app/node_modules/.bin/tsx', w.main],
          ports: [{ name: 'http', containerPort: w.port }],
          envFrom: [{ configMapRef: { name: CONFIG } }],
          env: [{ name: 'PORT', value: String(w.port) }, ...secretEnv(w, signers)],
          resources: { requests: { cpu: env.cpu.request, memory: env.memory.request }, limits: { cpu: env.cpu.limit, memory: env.memory.limit } },
          // the start compiles TypeScript and migrates: up to a minute before liveness counts
          startupProbe: probe('/healthz', 2, 30),
          readinessProbe: probe('/readyz', 5, 3),
          livenessProbe: probe('/healthz', 10, 3),
        }),
      },
    },
  };
}

function service(w: Workload): IService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: w.name, labels: labels(w) },
    spec: { type: 'ClusterIP', selector: selector(w.name), ports: [{ name: 'http', port: w.port, targetPort: 'http' }] },
  };
}

function disruptionBudget(w: Workload): IPodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: w.name, labels: labels(w) },
    // a single writer cannot keep one replica up through a drain; it is allowed to move
    spec: { selector: { matchLabels: selector(w.name) }, ...(w.singleWriter ? { maxUnavailable: 1 } : { minAvailable: 1 }) },
  };
}

function autoscaler(w: Workload, env: EnvironmentSettings): IHorizontalPodAutoscaler {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: w.name, labels: labels(w) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: w.name },
      minReplicas: env.replicas,
      maxReplicas: env.maxReplicas,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    },
  };
}

/** Who may open a connection to a service: anyone for the gateway (the Ingress), else the gateway and its callers. */
function networkPolicy(w: Workload, all: readonly Workload[]): INetworkPolicy {
  const callers = all.filter((other) => other.name !== w.name && other.calls.includes(w.name)).map((other) => other.name);
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: w.name, labels: labels(w) },
    spec: {
      podSelector: { matchLabels: selector(w.name) },
      policyTypes: ['Ingress'],
      ingress: [
        w.component === 'gateway'
          ? { ports: [{ port: w.port, protocol: 'TCP' }] }
          : { from: callers.map((name) => ({ podSelector: { matchLabels: selector(name) } })), ports: [{ port: w.port, protocol: 'TCP' }] },
      ],
    },
  };
}

/** Nothing reaches a pod of the platform unless a policy above lets it. */
const denyAll: INetworkPolicy = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'default-deny-ingress', labels: { 'app.kubernetes.io/part-of': 'etika' } },
  spec: { podSelector: {}, policyTypes: ['Ingress'] },
};

function config(workloads: readonly Workload[], env: EnvironmentSettings): IConfigMap {
  const urls = Object.fromEntries(workloads.filter((w) => w.component === 'subgraph').map((w) => [serviceUrlVariable(w.name), `http://${w.name}:${w.port}`]));
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: CONFIG, labels: { 'app.kubernetes.io/part-of': 'etika' } },
    data: { NODE_ENV: 'production', LOG_LEVEL: env.logLevel, HOST: '0.0.0.0', DATA_DIR: '/tmp/etika', HSTS_MAX_AGE: String(env.hstsMaxAge), OTEL_RESOURCE_ATTRIBUTES: `deployment.environment.name=${env.name}`, ...urls },
  };
}

function ingress(env: EnvironmentSettings): IIngress {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'gateway', labels: labels({ name: 'gateway', component: 'gateway' }) },
    spec: {
      tls: [{ hosts: [env.host], secretName: 'etika-tls' }],
      rules: [{ host: env.host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'gateway', port: { name: 'http' } } } }] } }],
    },
  };
}

/** Runs every subgraph's migrations once, before the Deployments roll (an Argo CD PreSync hook, or applied first). */
function migrationJob(env: EnvironmentSettings): IJob {
  const w = { name: MIGRATION_JOB, component: 'subgraph' as const };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: MIGRATION_JOB,
      labels: { 'app.kubernetes.io/name': MIGRATION_JOB, 'app.kubernetes.io/part-of': 'etika', 'app.kubernetes.io/component': 'migrations' },
      annotations: { 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' },
    },
    spec: {
      backoffLimit: 2,
      ttlSecondsAfterFinished: 86_400,
      template: {
        metadata: { labels: { ...labels(w), 'app.kubernetes.io/component': 'migrations' } },
        spec: podSpec(
          {
            name: 'migrate',
            image: `${IMAGE}:latest`,
            workingDir: '/app',
            command: ['/app/node_modules/.bin/tsx', 'platform/src/migrate.ts'],
            envFrom: [{ configMapRef: { name: CONFIG } }],
            env: [fromSecret('DATABASE_URL', DATASTORES_SECRET)],
            resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: env.cpu.limit, memory: env.memory.limit } },
          },
          'Never',
        ),
      },
    },
  };
}

/** Every manifest of one environment, by file name: one file per service, then the shared ones. */
export function manifestsFor(workloads: readonly Workload[], env: EnvironmentSettings): Record<string, Manifest[]> {
  const signers = workloads.filter((w) => w.signs).map((w) => w.name);
  const files: Record<string, Manifest[]> = {};
  for (const w of workloads) {
    files[`${w.name}.yaml`] = [deployment(w, signers, env), service(w), disruptionBudget(w), ...(w.singleWriter ? [] : [autoscaler(w, env)]), networkPolicy(w, workloads)];
  }
  files['config.yaml'] = [config(workloads, env)];
  files['ingress.yaml'] = [ingress(env)];
  files['network.yaml'] = [denyAll];
  files['migrate.yaml'] = [migrationJob(env)];
  return files;
}

/** apps/v1 kinds: Deployment and ReplicaSet. */
import type { LabelSelector, ObjectMeta } from './meta';
import type { PodTemplateSpec } from './core';

export interface Deployment {
  apiVersion?: 'apps/v1';
  kind: 'Deployment';
  metadata: ObjectMeta;
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    template?: PodTemplateSpec;
    strategy?: {
      type?: string;
      rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string };
    };
    revisionHistoryLimit?: number;
    progressDeadlineSeconds?: number;
    minReadySeconds?: number;
    paused?: boolean;
  };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    terminatingReplicas?: number;
    observedGeneration?: number;
    conditions?: DeploymentCondition[];
    collisionCount?: number;
  };
}

export interface DeploymentCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

export interface ReplicaSet {
  apiVersion?: 'apps/v1';
  kind: 'ReplicaSet';
  metadata: ObjectMeta;
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    template?: PodTemplateSpec;
    minReadySeconds?: number;
  };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    fullyLabeledReplicas?: number;
    terminatingReplicas?: number;
    observedGeneration?: number;
  };
}

/**
 * Where the transcribed upstream expectations come from. The index holds no recent version of
 * kubernetes/kubernetes' own pkg/proxy/iptables/proxier_test.go (only a 2017 one), so the
 * current file is read from a fork that mirrors upstream master, and older full dumps from a
 * fork at an older upstream commit.
 */

/** Current upstream pkg/proxy/iptables/proxier_test.go (nfacct, KUBE-FIREWALL, LoadBalancerIPMode GA). */
export const currentSource =
  'kubernetes/kubernetes pkg/proxy/iptables/proxier_test.go, read at aojea/kubernetes@4e7ccb27627e47cd5ddc447fbf22a41ea44ff5ba';

/** An older pkg/proxy/iptables/proxier_test.go (v1.26 era: full dumps per test case, no nfacct, no KUBE-FIREWALL). */
export const olderSource =
  'kubernetes/kubernetes pkg/proxy/iptables/proxier_test.go, read at danwinship/kubernetes@01b3ac121f21c50fc71fdbba82ec51200ca17bea';

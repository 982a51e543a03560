#!/usr/bin/env bash
# A loopback resolver with the peers' zone, for runs of Bulwark without the peers (sourced by
# bench/profile.sh and bench/run.sh). The records are those of ../shared/bench/peers/peers.sh
# setup_dns: SPF and DMARC for example.com/.net/.org, NXDOMAIN for every other name, no upstream.
# Without a resolver answering, every SPF, DKIM, DMARC and DNS-list question waits for a timeout or
# fails, and the CPU and latency per message are not those of a side-by-side run.
#
#   start_loopback_dns PORT DIR   writes DIR/dnsmasq.conf, starts dnsmasq on 127.0.0.1:PORT in the
#                                 background and prints its pid; fails when dnsmasq is missing
start_loopback_dns() {
  local port=$1 dir=$2
  command -v dnsmasq > /dev/null || return 1
  mkdir -p "$dir"
  cat > "$dir/dnsmasq.conf" <<CONF
port=$port
listen-address=127.0.0.1
bind-interfaces
no-resolv
no-poll
no-hosts
cache-size=10000
pid-file=
address=/#/
txt-record=example.com,"v=spf1 ip4:198.51.100.0/24 -all"
txt-record=_dmarc.example.com,"v=DMARC1; p=reject; adkim=r; aspf=r"
txt-record=example.net,"v=spf1 ip4:203.0.113.0/24 -all"
txt-record=_dmarc.example.net,"v=DMARC1; p=quarantine"
txt-record=example.org,"v=spf1 ?all"
CONF
  dnsmasq --keep-in-foreground --conf-file="$dir/dnsmasq.conf" > "$dir/dnsmasq.out" 2>&1 &
  echo $!
}

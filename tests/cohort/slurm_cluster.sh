#!/usr/bin/env bash
# slurm_cluster.sh: a private one-node Slurm cluster on loopback for the cohort test.
#
#   slurm_cluster.sh start DIR   start munged (unless one answers), slurmctld and slurmd with a
#                                configuration in DIR; prints the SLURM_CONF to export
#   slurm_cluster.sh stop DIR    scontrol shutdown, then stop the munged it started (by PID)
#
# Needs root (munged runs as the munge user) and Debian's slurm-wlm and munge
# (cmake/debian-packages.txt). Nothing under /etc/slurm is used. No cgroups
# (proctrack/linuxproc, task/none): cgroup tracking fails in containers and drains the node.
# SlurmctldHost and NodeAddr are 127.0.0.1 with free ports, so all traffic is on loopback
# (Slurm 22.05 cannot be told to listen on loopback only).
set -euo pipefail
cmd=${1:-}
DIR=${2:?usage: slurm_cluster.sh start|stop DIR}
export SLURM_CONF=$DIR/slurm.conf
case $cmd in
start)
  rm -rf "$DIR"
  mkdir -p "$DIR/ctld" "$DIR/d" "$DIR/log"
  free_port() {
    /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
  }
  ctld_port=$(free_port)
  d_port=$(free_port)
  memory_mb=$(( $(free -m | awk '/^Mem:/{print $2}') / 2 ))
  cat >"$SLURM_CONF" <<CONF
ClusterName=crosscheck-test
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=$DIR/ctld
SlurmdSpoolDir=$DIR/d
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
SchedulerParameters=batch_sched_delay=0
NodeName=localhost NodeAddr=127.0.0.1 NodeHostname=localhost CPUs=$(nproc) RealMemory=$memory_mb State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
  [ -s /etc/munge/munge.key ] || /usr/sbin/mungekey --create
  install -d -o munge -g munge -m 755 /run/munge
  if ! munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then
    runuser -u munge -- /usr/sbin/munged
    cp /run/munge/munged.pid "$DIR/munged.pid"
    until munge -n </dev/null | unmunge >/dev/null 2>&1; do sleep 0.1; done
  fi
  setsid slurmctld -D >"$DIR/log/slurmctld.out" 2>&1 </dev/null &
  setsid slurmd -D -N localhost >"$DIR/log/slurmd.out" 2>&1 </dev/null &
  for _ in $(seq 150); do
    [ "$(sinfo -h -n localhost -o %T 2>/dev/null)" = idle ] && break
    sleep 0.2
  done
  if [ "$(sinfo -h -n localhost -o %T 2>/dev/null)" != idle ]; then
    echo "slurm_cluster.sh: the node did not become idle; see $DIR/log" >&2
    exit 1
  fi
  echo "$SLURM_CONF"
  ;;
stop)
  scontrol shutdown >/dev/null 2>&1 || true
  for daemon in slurmctld slurmd; do
    pid=$(cat "$DIR/$daemon.pid" 2>/dev/null || true)
    for _ in $(seq 50); do
      [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid" || true; fi
  done
  if [ -f "$DIR/munged.pid" ]; then kill "$(cat "$DIR/munged.pid")" 2>/dev/null || true; fi
  ;;
*)
  sed -n '2,12p' "$0"
  exit 2
  ;;
esac

#!/usr/bin/env bash
# orthanc.sh: a private, throw-away Orthanc PACS on loopback for Crosscheck's pacs tests.
#
#   orthanc.sh start DIR [--move AET=PORT]... [--check-called-aet] [--aet AET]
#       Writes a configuration into DIR (storage in DIR/storage), picks two free loopback
#       ports, starts Debian's Orthanc (/usr/sbin/Orthanc; its system service is not used)
#       and waits until both the DICOM port (echoscu) and the REST API (curl) answer.
#       Prints shell assignments (also in DIR/env): ORTHANC_PID, ORTHANC_AET,
#       ORTHANC_DICOM_PORT, ORTHANC_HTTP_PORT, ORTHANC_URL.
#       --move AET=PORT   a C-MOVE destination Orthanc knows at 127.0.0.1:PORT
#       --check-called-aet  refuse associations that call another AE title than Orthanc's
#                           (the default accepts any called AE title)
#       --dicomweb        load the DICOMweb plugin (Debian orthanc-dicomweb): root
#                         $ORTHANC_URL/dicom-web (also printed as ORTHANC_DICOMWEB)
#       --user NAME:PASSWORD  HTTP basic authentication required for REST and DICOMweb
#       --tls CERTDIR     DICOM TLS only on the DICOM port, with CERTDIR/server.crt and
#                         server.key, trusting CERTDIR/ca.crt (make_tls_certs.sh writes them);
#                         the readiness check echoes over TLS with CERTDIR/client.*
#       --tls-client-required  refuse TLS clients without a certificate signed by ca.crt
#   orthanc.sh stop DIR   stops the instance started in DIR (SIGTERM, then SIGKILL) by its PID.
#   orthanc.sh free-port  prints a free TCP port on 127.0.0.1.
#
# Loopback only: Orthanc 1.10 cannot be told which address to listen on, so a tiny
# LD_PRELOAD library (built here with cc on first use) turns its wildcard bind() into a
# loopback bind; remote HTTP access is off as well.
set -euo pipefail

die() { echo "orthanc.sh: $*" >&2; exit 1; }

free_port() {
    /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

build_shim() {  # $1: DIR; prints the library's path, or nothing without a compiler
    local so=$1/loopback-bind.so
    command -v cc >/dev/null || return 0
    cat > "$1/loopback-bind.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
/* Listening sockets bound to "any address" are bound to loopback instead. */
int bind(int fd, const struct sockaddr *addr, socklen_t len) {
    int (*real)(int, const struct sockaddr *, socklen_t) =
        (int (*)(int, const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "bind");
    if (addr && addr->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in)) {
        struct sockaddr_in a;
        memcpy(&a, addr, sizeof a);
        if (a.sin_addr.s_addr == htonl(INADDR_ANY)) {
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            return real(fd, (struct sockaddr *)&a, sizeof a);
        }
    } else if (addr && addr->sa_family == AF_INET6 && len >= (socklen_t)sizeof(struct sockaddr_in6)) {
        struct sockaddr_in6 a;
        memcpy(&a, addr, sizeof a);
        if (!memcmp(&a.sin6_addr, &in6addr_any, sizeof a.sin6_addr)) {
            a.sin6_addr = in6addr_loopback;
            return real(fd, (struct sockaddr *)&a, sizeof a);
        }
    }
    return real(fd, addr, len);
}
C
    cc -shared -fPIC -O2 -o "$so" "$1/loopback-bind.c" -ldl 2>/dev/null && echo "$so"
}

start() {
    local dir=$1; shift
    local aet=ORTHANC check_called=false moves="" first=1 m plugins="" user="" auth=false users=""
    local tls="" tls_required=false tls_json="" echo_tls=()
    while [ $# -gt 0 ]; do
        case "$1" in
            --move) m=$2; shift 2
                [[ "$m" =~ ^[A-Za-z0-9_-]{1,16}=[0-9]+$ ]] || die "bad --move '$m' (AET=PORT)"
                [ $first = 1 ] || moves+=", "; first=0
                moves+="\"${m%%=*}\" : [ \"${m%%=*}\", \"127.0.0.1\", ${m#*=} ]";;
            --check-called-aet) check_called=true; shift;;
            --aet) aet=$2; shift 2;;
            --dicomweb) plugins='"/usr/share/orthanc/plugins/libOrthancDicomWeb.so"'; shift
                [ -e /usr/share/orthanc/plugins/libOrthancDicomWeb.so ] ||
                    die "the DICOMweb plugin is not installed (Debian package orthanc-dicomweb)";;
            --user) user=$2; shift 2
                [[ "$user" =~ ^[A-Za-z0-9_]+:[A-Za-z0-9_]+$ ]] || die "bad --user (NAME:PASSWORD)"
                auth=true; users="\"${user%%:*}\" : \"${user#*:}\"";;
            --tls) tls=$(cd "$2" && pwd); shift 2
                for f in server.crt server.key ca.crt client.crt client.key; do
                    [ -r "$tls/$f" ] || die "--tls: no $tls/$f (see make_tls_certs.sh)"
                done;;
            --tls-client-required) tls_required=true; shift;;
            *) die "unknown option '$1'";;
        esac
    done
    [ -x /usr/sbin/Orthanc ] || die "Orthanc is not installed (Debian package orthanc)"
    if [ -n "$tls" ]; then
        tls_json="\"DicomTlsEnabled\" : true, \"DicomTlsCertificate\" : \"$tls/server.crt\",
  \"DicomTlsPrivateKey\" : \"$tls/server.key\", \"DicomTlsTrustedCertificates\" : \"$tls/ca.crt\",
  \"DicomTlsRemoteCertificateRequired\" : $tls_required,"
        echo_tls=(+tls "$tls/client.key" "$tls/client.crt" +cf "$tls/ca.crt")
    fi
    mkdir -p "$dir/storage"
    local dicom http
    dicom=$(free_port); http=$(free_port)
    while [ "$http" = "$dicom" ]; do http=$(free_port); done
    cat > "$dir/orthanc.json" <<JSON
{
  "Name" : "crosscheck-test",
  "StorageDirectory" : "$dir/storage",
  "IndexDirectory" : "$dir/storage",
  "HttpPort" : $http,
  "RemoteAccessAllowed" : false,
  "AuthenticationEnabled" : $auth,
  "RegisteredUsers" : { $users },
  "Plugins" : [ $plugins ],
  "DicomWeb" : { "Enable" : true, "Root" : "/dicom-web/", "Host" : "127.0.0.1:$http", "Ssl" : false },
  $tls_json
  "DicomAet" : "$aet",
  "DicomPort" : $dicom,
  "DicomCheckCalledAet" : $check_called,
  "DicomAlwaysAllowEcho" : true,
  "DicomAlwaysAllowStore" : true,
  "DicomAlwaysAllowFind" : true,
  "DicomAlwaysAllowGet" : true,
  "DicomAlwaysAllowMove" : true,
  "DicomCheckModalityHost" : false,
  "DicomModalities" : { $moves },
  "DicomModalitiesInDatabase" : false,
  "OverwriteInstances" : true,
  "SaveJobs" : false,
  "StableAge" : 1
}
JSON
    local shim; shim=$(build_shim "$dir")
    if [ -n "$shim" ]; then
        LD_PRELOAD=$shim setsid /usr/sbin/Orthanc --no-jobs --logfile="$dir/orthanc.log" \
            "$dir/orthanc.json" </dev/null >"$dir/stdout" 2>&1 &
    else
        setsid /usr/sbin/Orthanc --no-jobs --logfile="$dir/orthanc.log" "$dir/orthanc.json" \
            </dev/null >"$dir/stdout" 2>&1 &
    fi
    local pid=$!
    echo "$pid" > "$dir/pid"
    for _ in $(seq 1 120); do
        kill -0 "$pid" 2>/dev/null || die "Orthanc exited; see $dir/orthanc.log"
        if curl -fs -m 2 ${user:+-u "$user"} "http://127.0.0.1:$http/system" >/dev/null &&
           echoscu -q -to 2 ${echo_tls[@]+"${echo_tls[@]}"} -aec "$aet" 127.0.0.1 "$dicom" >/dev/null 2>&1; then
            cat > "$dir/env" <<ENV
ORTHANC_PID=$pid
ORTHANC_AET=$aet
ORTHANC_DICOM_PORT=$dicom
ORTHANC_HTTP_PORT=$http
ORTHANC_URL=http://127.0.0.1:$http
ORTHANC_DICOMWEB=http://127.0.0.1:$http/dicom-web
ENV
            cat "$dir/env"
            return 0
        fi
        sleep 0.5
    done
    kill "$pid" 2>/dev/null || true
    die "Orthanc did not answer within 60 s; see $dir/orthanc.log"
}

stop() {
    local dir=$1 pid
    pid=$(cat "$dir/pid" 2>/dev/null || true)
    [ -n "$pid" ] || return 0
    if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = Orthanc ]; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 40); do
            [ -e "/proc/$pid" ] || break
            sleep 0.25
        done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/pid"
}

case "${1:-}" in
    start) [ $# -ge 2 ] || die "usage: orthanc.sh start DIR [options]"; shift; start "$@";;
    stop) [ $# -ge 2 ] || die "usage: orthanc.sh stop DIR"; stop "$2";;
    free-port) free_port;;
    *) die "usage: orthanc.sh start DIR [...] | stop DIR | free-port";;
esac

#!/usr/bin/env bash
# make_tls_certs.sh DIR: throw-away certificates for the DICOM TLS tests (openssl, valid
# two days, unencrypted keys), all PEM:
#   DIR/ca.crt, ca.key            a test CA
#   DIR/server.crt, server.key    the PACS (Orthanc): CN and subjectAltName 127.0.0.1/localhost
#   DIR/client.crt, client.key    Crosscheck's client certificate
#   DIR/other-ca.crt              a second CA that signed none of the above (the "wrong CA")
set -euo pipefail
dir=${1:?usage: make_tls_certs.sh DIR}
mkdir -p "$dir"
cd "$dir"
quiet() { "$@" >/dev/null 2>&1 || { echo "make_tls_certs.sh: failed: $*" >&2; exit 1; }; }
ca() {  # $1: name, $2: common name
    quiet openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 2 -keyout "$1.key" \
        -out "$1.crt" -subj "/CN=$2" -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign"
}
leaf() {  # $1: name, $2: common name, $3: extended key usage
    quiet openssl req -newkey rsa:2048 -nodes -sha256 -keyout "$1.key" -out "$1.csr" -subj "/CN=$2"
    printf 'basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=%s\n' \
        "$3" > "$1.ext"
    quiet openssl x509 -req -sha256 -days 2 -in "$1.csr" -CA ca.crt -CAkey ca.key \
        -CAcreateserial -out "$1.crt" -extfile "$1.ext"
    rm -f "$1.csr" "$1.ext"
}
ca ca "Crosscheck test CA"
ca other-ca "Some other CA"
leaf server 127.0.0.1 serverAuth,clientAuth
leaf client CROSSCHECK clientAuth,serverAuth
chmod 600 ./*.key

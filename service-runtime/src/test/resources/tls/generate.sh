#!/usr/bin/env bash
# Regenerates the TEST-ONLY certificates and keys in this directory (never use them anywhere
# else: their private keys are public). Valid for 100 years, so tests never see them expire.
#
#   ca.pem / ca.key                       the test CA
#   server.pem / server.key               server certificate (SAN localhost, 127.0.0.1), signed by ca
#   server2.pem / server2.key             a second server certificate, for reload tests
#   client.pem / client.key               client certificate signed by ca (mutual TLS)
#   other-ca.pem / other-ca.key           an unrelated CA
#   other-client.pem / other-client.key   client certificate signed by other-ca (must be refused)
#   server-pkcs1.key                      server.key as PKCS#1 ("BEGIN RSA PRIVATE KEY")
#   server-encrypted.key                  server.key as encrypted PKCS#8 (password "test")
#   server-ec.pem / server-ec.key         an EC (P-256) server certificate, key in PKCS#8
#   server-ec-sec1.key                    server-ec.key as SEC1 ("BEGIN EC PRIVATE KEY")
#
# Keys are PKCS#8 ("BEGIN PRIVATE KEY"), OpenSSL 3's default. Run from anywhere:
#   bash service-runtime/src/test/resources/tls/generate.sh
set -euo pipefail
cd "$(dirname "$0")"
DAYS=36500
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ca() { # name subject
  openssl req -x509 -newkey rsa:2048 -nodes -days "$DAYS" -sha256 \
    -keyout "$1.key" -out "$1.pem" -subj "$2" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
}

leaf() { # name subject issuer extensions [key algorithm options...]
  local name=$1 subject=$2 issuer=$3 ext=$4
  shift 4
  openssl req -new -newkey "${@:-rsa:2048}" -nodes -keyout "$name.key" -out "$work/$name.csr" \
    -subj "$subject"
  printf '%s\n' "$ext" > "$work/$name.ext"
  openssl x509 -req -in "$work/$name.csr" -CA "$issuer.pem" -CAkey "$issuer.key" \
    -set_serial "0x$(openssl rand -hex 16)" -days "$DAYS" -sha256 \
    -extfile "$work/$name.ext" -out "$name.pem"
}

SERVER_EXT='basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=DNS:localhost,IP:127.0.0.1'
CLIENT_EXT='basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth'

ca ca "/CN=Assay Test CA (test only)"
ca other-ca "/CN=Assay Other Test CA (test only)"
# Redis uses one certificate for its TLS port and for the cluster bus and replication links,
# where it is also a client: hence clientAuth on the server certificates.
leaf server "/CN=localhost" ca "$SERVER_EXT"
leaf server2 "/CN=localhost" ca "$SERVER_EXT"
leaf client "/CN=assay-test-client" ca "$CLIENT_EXT"
leaf other-client "/CN=assay-other-client" other-ca "$CLIENT_EXT"
leaf server-ec "/CN=localhost" ca "$SERVER_EXT" ec -pkeyopt ec_paramgen_curve:P-256

openssl rsa -in server.key -traditional -out server-pkcs1.key
openssl pkcs8 -topk8 -in server.key -passout pass:test -out server-encrypted.key
openssl ec -in server-ec.key -out server-ec-sec1.key
rm -f ./*.srl

"""Docker Hub's official images: the only bare names (`FROM python`) a registry serves.

A FROM line without a registry or an owner pulls `docker.io/library/NAME`, and only the
official images live there. A bare name outside this set (`FROM tritonserver`,
`FROM app_ci_base`) names no image on any registry: a build script made it on the machine
that builds, so the tag it carries is that script's business. The set holds the official
images of hub.docker.com/u/library, those deprecated but still pullable included (as of 2025).
"""
from __future__ import annotations

OFFICIAL_IMAGES = frozenset("""
adminer aerospike almalinux alpine alt amazoncorretto amazonlinux api-firewall arangodb archlinux
backdrop bash bonita buildpack-deps busybox caddy cassandra celery centos chronograf cirros clearlinux
clefos clickhouse clojure composer consul convertigo couchbase couchdb crate dart debian django docker
drupal eclipse-mosquitto eclipse-temurin eggdrop elasticsearch elixir emqx erlang express-gateway fedora
flink fluentd friendica fsharp gazebo gcc geonetwork ghost golang gradle groovy haproxy haskell haxe
hello-world hitch homeassistant httpd hylang ibm-semeru-runtimes ibmjava influxdb iojs irssi java jenkins
jetty jobber joomla jruby julia kaazing-gateway kapacitor kibana kong krakend lightstreamer liquibase
logstash mageia mariadb matomo maven mediawiki memcached mongo mongo-express monica mono mysql nats
nats-streaming neo4j neurodebian nextcloud nginx node notary nuxeo odoo open-liberty openjdk opensuse
oraclelinux orientdb owncloud percona perl photon php php-zendserver phpmyadmin piwik plone postfixadmin
postgres pypy python r-base rabbitmq rails rakudo-star rapidoid redis redmine registry rethinkdb
rocket.chat rockylinux ros ruby rust sapmachine satosa scratch sentry silverpeas sl solr sonarqube
spark spiped storm swarm swift swipl teamspeak telegraf thrift tomcat tomee traefik ubuntu
ubuntu-debootstrap ubuntu-upstart unit varnish vault websphere-liberty wordpress xwiki yourls znc
zookeeper
""".split())


def is_official(name: str) -> bool:
    """Whether a bare image name (no registry, no owner, no tag) is one Docker Hub serves."""
    return name in OFFICIAL_IMAGES

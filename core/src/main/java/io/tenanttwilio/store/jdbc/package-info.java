/**
 * JDBC implementations of the SPI for PostgreSQL (production) and H2 (embedded), on a {@code
 * javax.sql.DataSource} the application gives: {@link io.tenanttwilio.store.jdbc.JdbcStores}.
 * The schema ships in {@code db/tenant-twilio/{postgresql,h2}/} for Flyway or Liquibase, or is
 * installed by {@link io.tenanttwilio.store.jdbc.SchemaInstaller}.
 *
 * <p>Every change is one transaction with atomic statements (unique keys, conditional updates),
 * safe with several application instances on one database. On PostgreSQL each transaction sets
 * {@code tenant_twilio.tenant_id}, which the tables' row-level-security policies read; every
 * statement also names its tenant, and every tenant table's keys lead with {@code tenant_id}, so
 * that the schema can be distributed by tenant (see the README).
 */
@NullMarked
package io.tenanttwilio.store.jdbc;

import org.jspecify.annotations.NullMarked;

import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';
import type { Clause, ProductTerms } from '@xiaoan/shared';
import { ProductEntity } from './product.entity.js';

/**
 * One immutable version of a product's wording and terms. A policy points at the version it
 * was sold under; the database refuses UPDATE and DELETE on this table (see the catalogue
 * migration), so what the customer read is what the claim is judged by.
 */
@Entity({ name: 'product_versions' })
@Unique(['product', 'version'])
export class ProductVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => ProductEntity, (product) => product.versions, { nullable: false })
  @JoinColumn({ name: 'product_id' })
  product: Relation<ProductEntity>;

  @Column({ name: 'product_id', type: 'uuid' })
  productId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'insurer_name', type: 'varchar', length: 64 })
  insurerName: string;

  @Column({ name: 'filing_no', type: 'varchar', length: 64 })
  filingNo: string;

  @Column({ type: 'jsonb' })
  clauses: Clause[];

  @Column({ type: 'jsonb' })
  exclusions: string[];

  @Column({ type: 'jsonb' })
  terms: ProductTerms;

  @Column({ name: 'effective_from', type: 'timestamptz' })
  effectiveFrom: Date;

  @Column({ name: 'effective_to', type: 'timestamptz', nullable: true })
  effectiveTo: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

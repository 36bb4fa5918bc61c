import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { ProductCategory } from '@xiaoan/shared';
import { ProductVersionEntity } from './product-version.entity.js';

@Entity({ name: 'products' })
export class ProductEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  category: ProductCategory;

  @Column({ type: 'varchar', length: 128 })
  tagline: string;

  @Column({ name: 'from_premium_fen', type: 'integer' })
  fromPremiumFen: number;

  @Column({ name: 'sort_order', type: 'integer', default: 0 })
  sortOrder: number;

  @Column({ name: 'on_sale', type: 'boolean', default: true })
  onSale: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @OneToMany(() => ProductVersionEntity, (version) => version.product)
  versions: Relation<ProductVersionEntity[]>;
}

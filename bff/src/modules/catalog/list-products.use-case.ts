import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Product } from '@xiaoan/shared';
import { ProductVersionEntity } from './product-version.entity.js';
import { toProduct } from './product.mapper.js';

/**
 * The catalogue as the shop window shows it: products on sale, each with the version in force
 * now (the latest version whose effective window contains `at`).
 */
@Injectable()
export class ListProductsUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(at: Date = new Date()): Promise<Product[]> {
    const versions = await this.dataSource
      .getRepository(ProductVersionEntity)
      .createQueryBuilder('version')
      .innerJoinAndSelect('version.product', 'product')
      .distinctOn(['product.id'])
      .where('product.on_sale')
      .andWhere('version.effective_from <= :at', { at })
      .andWhere('(version.effective_to IS NULL OR version.effective_to > :at)', { at })
      .orderBy('product.id')
      .addOrderBy('version.version', 'DESC')
      .getMany();
    return versions
      .sort((a, b) => a.product.sortOrder - b.product.sortOrder || a.product.code.localeCompare(b.product.code))
      .map((version) => toProduct(version.product, version));
  }
}

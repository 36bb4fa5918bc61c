import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A history file already added to the statistics, by the SHA-256 of its bytes. Recorded in the
 * same transaction as the counts it added, so importing the same file twice (under any name)
 * adds nothing the second time.
 */
@Entity({ name: 'flight_history_imports' })
export class FlightHistoryImportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'content_sha256', type: 'char', length: 64, unique: true })
  contentSha256: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Column({ type: 'integer' })
  flights: number;

  @Column({ name: 'rows_without_outcome', type: 'integer' })
  rowsWithoutOutcome: number;

  @CreateDateColumn({ name: 'imported_at', type: 'timestamptz' })
  importedAt: Date;
}

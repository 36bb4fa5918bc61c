import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface SlaFigures {
  from: string;
  conversations: number;
  firstResponseP50Seconds: number | null;
  firstResponseP90Seconds: number | null;
  resolutionP50Seconds: number | null;
  averageRating: number | null;
  /** The latest conversations (up to 50) with their own times and rating. */
  perConversation: {
    conversationId: string;
    createdAt: string;
    preview: string;
    channel: string;
    agent: string | null;
    firstResponseSeconds: number | null;
    resolutionSeconds: number | null;
    rating: number | null;
  }[];
  perAgent: {
    staffUserId: string;
    displayName: string;
    conversations: number;
    firstResponseAvgSeconds: number | null;
    resolutionAvgSeconds: number | null;
    averageRating: number | null;
    ratings: number;
  }[];
}

/**
 * First-response time: from the conversation's first user message to the first agent reply
 * (automatic answers do not count). Resolution time: to the moment it was resolved.
 */
@Injectable()
export class SlaQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async since(from: Date): Promise<SlaFigures> {
    const [overall] = (await this.dataSource.query(
      `SELECT count(*)::int AS conversations,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at)) AS fr50,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at)) AS fr90,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at)) AS res50,
              avg(rating)::float AS rating
         FROM support_conversations WHERE created_at >= $1`,
      [from],
    )) as {
      conversations: number;
      fr50: number | null;
      fr90: number | null;
      res50: number | null;
      rating: number | null;
    }[];
    const agents = (await this.dataSource.query(
      `SELECT u.id, u.display_name, count(c.id)::int AS conversations,
              avg(extract(epoch FROM c.first_response_at - c.created_at))::float AS fr,
              avg(extract(epoch FROM c.resolved_at - c.created_at))::float AS res,
              avg(c.rating)::float AS rating, count(c.rating)::int AS ratings
         FROM support_conversations c JOIN staff_users u ON u.id = coalesce(c.first_response_by, c.assignee_id)
        WHERE c.created_at >= $1 GROUP BY u.id, u.display_name ORDER BY u.display_name`,
      [from],
    )) as {
      id: string;
      display_name: string;
      conversations: number;
      fr: number | null;
      res: number | null;
      rating: number | null;
      ratings: number;
    }[];
    const recent = (await this.dataSource.query(
      `SELECT c.id, c.created_at, c.preview, c.channel, u.display_name,
              extract(epoch FROM c.first_response_at - c.created_at)::float AS fr,
              extract(epoch FROM c.resolved_at - c.created_at)::float AS res, c.rating
         FROM support_conversations c LEFT JOIN staff_users u ON u.id = coalesce(c.first_response_by, c.assignee_id)
        WHERE c.created_at >= $1 ORDER BY c.created_at DESC LIMIT 50`,
      [from],
    )) as {
      id: string;
      created_at: Date;
      preview: string;
      channel: string;
      display_name: string | null;
      fr: number | null;
      res: number | null;
      rating: number | null;
    }[];
    const round = (value: number | null | undefined) =>
      value === null || value === undefined ? null : Math.round(Number(value));
    return {
      from: from.toISOString(),
      conversations: overall?.conversations ?? 0,
      firstResponseP50Seconds: round(overall?.fr50),
      firstResponseP90Seconds: round(overall?.fr90),
      resolutionP50Seconds: round(overall?.res50),
      averageRating:
        overall?.rating === null || overall?.rating === undefined ? null : Math.round(overall.rating * 10) / 10,
      perConversation: recent.map((row) => ({
        conversationId: row.id,
        createdAt: new Date(row.created_at).toISOString(),
        preview: row.preview,
        channel: row.channel,
        agent: row.display_name,
        firstResponseSeconds: round(row.fr),
        resolutionSeconds: round(row.res),
        rating: row.rating,
      })),
      perAgent: agents.map((agent) => ({
        staffUserId: agent.id,
        displayName: agent.display_name,
        conversations: agent.conversations,
        firstResponseAvgSeconds: round(agent.fr),
        resolutionAvgSeconds: round(agent.res),
        averageRating: agent.rating === null ? null : Math.round(agent.rating * 10) / 10,
        ratings: agent.ratings,
      })),
    };
  }
}

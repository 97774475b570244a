-- The articles' own arithmetic, one row per check:
--   ratio_vs_percent: "38/42 ..., đạt 84,7%" -- the stated percentage against
--     the ratio, within the rounding (or truncation) of its decimals;
--   parts_vs_total: "14 kỳ họp, trong đó 05 kỳ họp ... và 09 kỳ họp ..." -- the
--     parts (same noun, longer) add up to the total;
--   range_order: a range's low end is not above its high end.
with

figures as (
    select * from {{ ref('fct_figure') }}
),

ordered as (
    select
        *,
        lead(figure_id) over by_sentence as next_figure_id,
        lead(unit) over by_sentence as next_unit,
        lead(figure_value) over by_sentence as next_value,
        lead(surface) over by_sentence as next_surface,
    from figures
    window by_sentence as (partition by article_id, sentence_vi order by figure_index)
),

ratio_vs_percent as (
    select
        'ratio_vs_percent' as rule_name,
        next_figure_id as figure_id,
        figure_id as related_figure_id,
        article_id,
        sentence_vi,
        next_surface || ' vs ' || surface as checked_text,
        next_value as stated_value,
        ratio_percent as computed_value,
        -- a stated 96,2% may be 96.296 truncated or rounded: allow one unit of its last decimal
        power(10, -coalesce(length(regexp_extract(next_surface, ',([0-9]+)', 1)), 0)) as tolerance,
    from ordered
    where unit = 'ratio' and next_unit = 'percent' and denominator > 0
),

parts as (
    select
        total.figure_id,
        total.article_id,
        total.sentence_vi,
        total.surface,
        total.figure_value,
        count(*) as part_count,
        sum(part.figure_value) as parts_sum,
        string_agg(part.surface, ' + ' order by part.figure_index) as parts_text,
    from figures as total
    inner join figures as part
        on total.article_id = part.article_id
        and total.sentence_vi = part.sentence_vi
        and part.figure_index > total.figure_index
        and part.unit = 'count'
        and starts_with(lower(part.noun_vi), lower(total.noun_vi) || ' ')
    where total.unit = 'count' and total.noun_vi is not null
    group by all
    having count(*) >= 2
),

parts_vs_total as (
    select
        'parts_vs_total' as rule_name,
        figure_id,
        null as related_figure_id,
        article_id,
        sentence_vi,
        surface || ' = ' || parts_text as checked_text,
        figure_value as stated_value,
        parts_sum as computed_value,
        0.0 as tolerance,
    from parts
),

range_order as (
    select
        'range_order' as rule_name,
        figure_id,
        null as related_figure_id,
        article_id,
        sentence_vi,
        surface as checked_text,
        figure_value as stated_value,
        figure_value_max as computed_value,
        0.0 as tolerance,
    from figures
    where figure_value_max is not null
),

checks as (
    select * from ratio_vs_percent
    union all
    select * from parts_vs_total
    union all
    select * from range_order
),

final as (
    select
        md5(concat_ws('|', rule_name, figure_id, related_figure_id)) as check_id,
        rule_name,
        figure_id,
        related_figure_id,
        article_id,
        checked_text,
        stated_value,
        computed_value,
        round(computed_value - stated_value, 4) as difference,
        case
            when rule_name = 'range_order' then stated_value <= computed_value
            else abs(computed_value - stated_value) < tolerance + 1e-9
        end as is_consistent,
        sentence_vi,
    from checks
)

select * from final

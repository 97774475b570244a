{#
  Status of a result against a target; the statuses are the seed scorecard_statuses.
  - no result within the target's period: 'no_result_yet'
  - on the target's good side: 'met', or 'exceeded' beyond its good end
      a range (value .. value_max): met inside it; exceeded above it (below it when lower is
        better)
      a bound (gt trên, ge ít nhất/trở lên, lt dưới, le không quá/tối đa): met on the side the
        qualifier names; a bound is never exceeded
      a point (eq, approx): met when hit (approx: within 1% of the target), exceeded when passed
        on the indicator's good side
  - short of it: 'missed' when the result is final (its period reaches the horizon), else
    'behind' (an earlier year, or a part of a year: progress only)
#}
{% macro scorecard_good_side(target, target_max, qualifier, result, higher_is_better) -%}
case
    when {{ target_max }} is not null then
        case when {{ higher_is_better }} then {{ result }} >= {{ target }}
            else {{ result }} <= {{ target_max }} end
    when {{ qualifier }} = 'gt' then {{ result }} > {{ target }}
    when {{ qualifier }} = 'ge' then {{ result }} >= {{ target }}
    when {{ qualifier }} = 'lt' then {{ result }} < {{ target }}
    when {{ qualifier }} = 'le' then {{ result }} <= {{ target }}
    when abs({{ result }} - {{ target }}) <= {{ scorecard_tolerance(target, qualifier) }} then true
    when {{ higher_is_better }} then {{ result }} > {{ target }}
    else {{ result }} < {{ target }}
end
{%- endmacro %}

{% macro scorecard_beyond(target, target_max, qualifier, result, higher_is_better) -%}
case
    when {{ target_max }} is not null then
        case when {{ higher_is_better }} then {{ result }} > {{ target_max }}
            else {{ result }} < {{ target }} end
    when {{ qualifier }} in ('gt', 'ge', 'lt', 'le') then false
    when {{ higher_is_better }} then {{ result }} > {{ target }} + {{ scorecard_tolerance(target, qualifier) }}
    else {{ result }} < {{ target }} - {{ scorecard_tolerance(target, qualifier) }}
end
{%- endmacro %}

{% macro scorecard_tolerance(target, qualifier) -%}
case when {{ qualifier }} = 'approx' then 0.01 * abs({{ target }}) else 1e-9 end
{%- endmacro %}

{% macro scorecard_status(target, target_max, qualifier, result, higher_is_better, is_final) -%}
case
    when {{ result }} is null then 'no_result_yet'
    when {{ scorecard_good_side(target, target_max, qualifier, result, higher_is_better) }} then
        case when {{ scorecard_beyond(target, target_max, qualifier, result, higher_is_better) }}
            then 'exceeded' else 'met' end
    when {{ is_final }} then 'missed'
    else 'behind'
end
{%- endmacro %}

{#
  Progress of a level target: the share of the way from the baseline to the target's near end
  (a range's low end, its high end when lower is better), e.g. baseline 60, target 80, result 70
  -> 0.5. Null without a baseline or a result, for changes and plan attainment, when the
  baseline already reached the target (there is no way to go), and for a part of a year of an
  amount (money, counts: half a year's revenue is no level to compare with a year's).
#}
{% macro scorecard_progress(measure, unit, target, target_max, baseline, result, result_part, higher_is_better) -%}
{%- set near_end -%}
case when {{ higher_is_better }} or {{ target_max }} is null then {{ target }} else {{ target_max }} end
{%- endset -%}
case
    when {{ measure }} <> 'level' or {{ baseline }} is null or {{ result }} is null then null
    when {{ result_part }} is not null and {{ unit }} not in ('percent', 'permille') then null
    when {{ higher_is_better }} and {{ baseline }} >= {{ near_end }} then null
    when not {{ higher_is_better }} and {{ baseline }} <= {{ near_end }} then null
    else round(({{ result }} - {{ baseline }}) / ({{ near_end }} - {{ baseline }}), 4)
end
{%- endmacro %}

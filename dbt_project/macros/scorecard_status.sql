{#
  Status of a result against a target.
  - no result: 'no_result_yet'
  - a range (value .. value_max) is 'met' when the result is inside it or beyond it
    on the indicator's good side, else 'not_met'
  - a bound is 'met' when the result is on the side its qualifier names
    (gt: above, ge: at or above, lt: below, le: at or below), else 'not_met'
  - a point target (eq, approx) is 'met' when hit (approx: within 1% of the
    target), 'exceeded' when passed on the indicator's good side, else 'not_met'.
#}
{% macro scorecard_status(target, target_max, qualifier, result, higher_is_better) -%}
case
    when {{ result }} is null then 'no_result_yet'
    when {{ target_max }} is not null then
        case
            when {{ higher_is_better }} and {{ result }} >= {{ target }} then 'met'
            when not {{ higher_is_better }} and {{ result }} <= {{ target_max }} then 'met'
            else 'not_met'
        end
    when {{ qualifier }} = 'gt' then case when {{ result }} > {{ target }} then 'met' else 'not_met' end
    when {{ qualifier }} = 'ge' then case when {{ result }} >= {{ target }} then 'met' else 'not_met' end
    when {{ qualifier }} = 'lt' then case when {{ result }} < {{ target }} then 'met' else 'not_met' end
    when {{ qualifier }} = 'le' then case when {{ result }} <= {{ target }} then 'met' else 'not_met' end
    when abs({{ result }} - {{ target }})
        <= case when {{ qualifier }} = 'approx' then 0.01 * abs({{ target }}) else 1e-9 end
        then 'met'
    when {{ higher_is_better }} and {{ result }} > {{ target }} then 'exceeded'
    when not {{ higher_is_better }} and {{ result }} < {{ target }} then 'exceeded'
    else 'not_met'
end
{%- endmacro %}

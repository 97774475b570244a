{#- Values of a column must be codes of the `vocabulary` seed (one vocabulary, or a list),
    the file that the Python code and the Great Expectations suites read too (chitieu.vocab). -#}
{% test in_vocabulary(model, column_name, vocabulary) %}
{%- set names = [vocabulary] if vocabulary is string else vocabulary %}

select {{ column_name }} as unexpected_value
from {{ model }}
where {{ column_name }} is not null
    and {{ column_name }} not in (
        select code from {{ ref('vocabulary') }}
        where vocabulary in ('{{ names | join("', '") }}')
    )

{% endtest %}

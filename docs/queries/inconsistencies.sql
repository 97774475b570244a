-- Where do articles contradict themselves? The articles' own arithmetic, failed checks first.
select
    consistency.rule_name,
    consistency.checked_text,
    consistency.stated_value,
    round(consistency.computed_value, 2) as computed_value,
    consistency.is_consistent,
    articles.title_vi as article,
    articles.public_url as article_url,
    consistency.sentence_vi as sentence,
from main_marts.mart_figure_consistency as consistency
inner join main_marts.dim_article as articles using (article_id)
order by consistency.is_consistent, consistency.rule_name

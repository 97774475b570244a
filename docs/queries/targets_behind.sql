-- What is behind? Every target short of its goal: 'behind' (the latest result in its period is
-- short and the period is not over) and 'missed' (the final result is short), with where it
-- started, where it is and how far it has to go.
select
    districts.name_vi as district,
    scorecard.term_code,
    scorecard.target_scope,
    scorecard.target_year,
    coalesce(scorecard.indicator_name_en, scorecard.indicator_code) as indicator,
    scorecard.baseline_value,
    scorecard.baseline_year,
    scorecard.result_value,
    scorecard.result_year,
    scorecard.result_period_part,
    scorecard.target_value,
    scorecard.target_value_max,
    scorecard.target_qualifier,
    scorecard.progress,
    scorecard.status,
    results.public_url as result_article_url,
from main_marts.mart_scorecard as scorecard
inner join main_marts.dim_district as districts using (district_code)
left join main_marts.dim_article as results on results.article_id = scorecard.result_article_id
where scorecard.status in ('behind', 'missed')
order by scorecard.status desc, district, indicator

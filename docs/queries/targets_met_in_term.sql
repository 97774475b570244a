-- Which targets did a district meet in a term? (here Bắc Từ Liêm, term 2020-2025)
-- "met" and "exceeded" so far: a result before the horizon is progress, is_final_result says
-- whether the target is settled. Change the district and the term in the where clause.
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
    scorecard.target_value,
    scorecard.target_value_max,
    scorecard.target_qualifier,
    scorecard.is_final_result,
    scorecard.status,
from main_marts.mart_scorecard as scorecard
inner join main_marts.dim_district as districts using (district_code)
where districts.name_ascii = 'Bac Tu Liem'
    and scorecard.term_code = '2020_2025'
    and scorecard.status in ('met', 'exceeded')
order by indicator

module usertypes

go 1.26

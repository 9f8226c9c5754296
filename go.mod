module github.com/partnercoach/partnercoach

go 1.26

toolchain go1.26.8
